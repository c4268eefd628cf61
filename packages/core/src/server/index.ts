export { JobStoreFullError, type JobStoreFullErrorOptions } from '../errors/job-store-full-error';
export {
  JobStoreUnavailableError,
  type JobStoreUnavailableErrorOptions,
} from '../errors/job-store-unavailable-error';
export type { HandlerTelemetryOptions } from '../telemetry/telemetry-tracer';
export {
  createLunosImageHandler,
  type LunosImageHandler,
} from './create-lunos-image-handler';
export type {
  JobEvent,
  JobFailure,
  JobImage,
  JobMeta,
  JobState,
  JobStatus,
  JobStore,
} from './jobs/job-store';
export { type MemoryJobStoreOptions, memoryJobStore } from './jobs/memory-job-store';
export type {
  LimitStore,
  RateHit,
  SpendReservation,
  SpendReservationInput,
  SpendUsed,
} from './limits/limit-store';
export { type MemoryLimitStoreOptions, memoryLimitStore } from './limits/memory-limit-store';
export {
  type AuthorizeResult,
  DEFAULT_HANDLER_LIMITS,
  type GenerationCacheOptions,
  type JobImageDelivery,
  type LunosImageHandlerLimits,
  type LunosImageHandlerOptions,
  type LunosImageJobsOptions,
} from './lunos-image-handler-options';
export type { ModelAllowList } from './model-matcher';
