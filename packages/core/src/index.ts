/**
 * `@lunos-image/core`: what app code calls. The client and what it gives (`ImageStream`,
 * `ImageGenerationResult`, `GeneratedImage`), its errors, the model helpers and the types of
 * requests, images and run outcomes. Framework adapters' parts (stores, observers) are in
 * `@lunos-image/core/adapter`, the decoders of raw answers in `@lunos-image/core/sse`.
 */
export {
  type CallOptions,
  createLunosImageClient,
  type LunosImageClient,
  type LunosImageClientOptions,
} from './client/create-lunos-image-client';
export { type ImageRunSoFar, ImageStream } from './client/image-stream';
export { DEFAULT_TIMEOUTS, type TimeoutOption, type Timeouts } from './client/timeouts';
export {
  APIError,
  type APIErrorDetails,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  EdgeTimeoutError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  ProviderOverloadedError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from './errors/api-error';
export {
  ImageTooLargeError,
  type ImageTooLargeErrorOptions,
} from './errors/image-too-large-error';
export {
  InvalidImageError,
  type InvalidImageErrorOptions,
  type InvalidImageReason,
} from './errors/invalid-image-error';
export { InvalidResponseError } from './errors/invalid-response-error';
export { JobLostError } from './errors/job-lost-error';
export { JobNotFoundError } from './errors/job-not-found-error';
export { LunosImageError, type LunosImageErrorOptions } from './errors/lunos-image-error';
export {
  RemoteImageError,
  type RemoteImageErrorOptions,
} from './errors/remote-image-error';
export { ReportedError, type ReportedErrorDetails } from './errors/reported-error';
export {
  type ResponseLimit,
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
} from './errors/response-too-large-error';
export {
  SseEventTooLargeError,
  type SseEventTooLargeErrorOptions,
} from './errors/sse-event-too-large-error';
export {
  NoImageGeneratedError,
  StreamError,
  type StreamErrorDetails,
  StreamTruncatedError,
} from './errors/stream-errors';
export { toLunosImageError } from './errors/to-lunos-image-error';
export {
  AbortError,
  ConnectionError,
  TimeoutError,
  type TimeoutLimit,
} from './errors/transport-errors';
export { ValidationError, type ValidationIssue } from './errors/validation-error';
export {
  GeneratedImage,
  type GeneratedImageBytesOptions,
  type GeneratedImageOptions,
} from './image/generated-image';
export { type ParsedDataUrl, parseDataUrl } from './image/parse-data-url';
export { canonicalModelId } from './models/canonical-model-id';
export { capabilitiesOf, type ImageModelCapabilities } from './models/capabilities-of';
export { defaultModalities } from './models/default-modalities';
export { estimateImageCost, type ImageCostOptions } from './models/estimate-image-cost';
export {
  type CostedVariables,
  estimateMaxCost,
  type MaxCostOptions,
} from './models/estimate-max-cost';
export type {
  ImageApi,
  ImageModel,
  ImageModelPricing,
  ParameterDescriptor,
} from './models/image-model';
export { imagePixelSize } from './models/image-pixel-size';
export type { KeepImages } from './observer/generation-observer';
export type {
  BuildChatRequestOptions,
  ChatHttpRequest,
} from './request/build-chat-request';
export type {
  BuildImagesRequestOptions,
  ImagesHttpRequest,
} from './request/build-images-request';
export type { DialectName, ModelFilters } from './request/dialect';
export type {
  GenerateImageVariables,
  ReferenceImage,
} from './request/generate-image-variables';
export { buildChatRequest, buildImagesRequest } from './request/request-builders';
export type { Modality } from './schemas/chat-request-schema';
export {
  ASPECT_RATIOS,
  type AspectRatio,
  IMAGE_SIZES,
  type ImageSize,
} from './schemas/image-config-values';
export {
  IMAGES_ASPECT_RATIOS,
  IMAGES_BACKGROUNDS,
  IMAGES_OUTPUT_FORMATS,
  IMAGES_QUALITIES,
  IMAGES_RESOLUTIONS,
  type ImagesAspectRatio,
  type ImagesBackground,
  type ImagesOutputFormat,
  type ImagesQuality,
  type ImagesResolution,
  MAX_INPUT_REFERENCES,
} from './schemas/images-request-values';
export type { Usage } from './schemas/usage-schema';
export type {
  FinishReason,
  GenerationOutcome,
  GenerationStatus,
} from './store/generation-store';
export type { ImageEventOptions } from './stream/image-event-builder';
export type { ImageGenerationResult } from './stream/image-generation-result';
export type { PartialImage } from './stream/image-result-accumulator';
export type { ImageSlot, ImageSlotStatus } from './stream/image-slot';
export type { ImagePolicy, ImageStreamEvent, ImageUsage } from './stream/image-stream-event';
export type {
  ClientTelemetryOptions,
  TelemetryAttributeValue,
  TelemetrySpan,
  TelemetryTracer,
} from './telemetry/telemetry-tracer';
