import { MAX_TIMEOUT_MS } from '../../client/timeouts';
import { ValidationError } from '../../errors/validation-error';
import type { JobImageDelivery, LunosImageJobsOptions } from '../lunos-image-handler-options';
import type { JobStore } from './job-store';

export const DEFAULT_JOB_TTL_MS = 3_600_000;
export const DEFAULT_JOB_MAX_RUN_MS = 900_000;
/** The shortest `ttlMs` and `maxRunMs`: a job must live long enough to be resumed at all. */
const MIN_JOB_MS = 1000;
/**
 * A runner's lease lasts three beats (of `heartbeatMs`, or of the default 5 s when heartbeats are
 * off) and is renewed every beat, so one slow renewal never loses a job; at least a second.
 */
const LEASE_BEATS = 3;
const MIN_LEASE_MS = 1000;
const DEFAULT_BEAT_MS = 5000;

const STORE_METHODS = [
  'create',
  'get',
  'append',
  'putImage',
  'getImage',
  'finish',
  'read',
  'renew',
  'requestStop',
  'stopRequested',
] as const satisfies readonly (keyof JobStore)[];

/** The `jobs` option, checked, with its defaults and what follows from it. */
export interface HandlerJobs {
  readonly store: JobStore;
  readonly ttlMs: number;
  readonly maxRunMs: number;
  /** How long a runner's lease holds; renewed every `beatMs`. */
  readonly leaseMs: number;
  /** How often a runner renews its lease (and a follower without heartbeats looks at it). */
  readonly beatMs: number;
  readonly owner: LunosImageJobsOptions['owner'];
  readonly imageDelivery: JobImageDelivery;
  readonly waitUntil: LunosImageJobsOptions['waitUntil'];
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('handler options', [
    { path: `jobs.${path}`, code: 'invalid_value', message },
  ]);
}

function checkMs(path: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(
      path,
      `must be a whole number of milliseconds of at least ${min} (got ${String(value)})`,
    );
  }
  if (value > MAX_TIMEOUT_MS) {
    throw invalid(path, `must be at most ${MAX_TIMEOUT_MS} ms (got ${value})`);
  }
  return value;
}

/** A `ValidationError` naming the first `jobs.…` option that cannot work; undefined without jobs. */
export function checkJobsOptions(
  jobs: LunosImageJobsOptions | undefined,
  heartbeatMs: number,
): HandlerJobs | undefined {
  if (jobs === undefined) return undefined;
  if (typeof jobs !== 'object' || jobs === null) {
    throw new ValidationError('handler options', [
      { path: 'jobs', code: 'invalid_type', message: 'must be an object with a store' },
    ]);
  }
  const store = jobs.store as Partial<JobStore> | undefined;
  const missing = STORE_METHODS.filter((name) => typeof store?.[name] !== 'function');
  if (typeof store !== 'object' || store === null || missing.length > 0) {
    throw invalid(
      'store',
      store === undefined
        ? 'is required: a JobStore such as memoryJobStore()'
        : `must be a JobStore (missing ${missing.join(', ')})`,
    );
  }
  const ttlMs = checkMs('ttlMs', jobs.ttlMs ?? DEFAULT_JOB_TTL_MS, MIN_JOB_MS);
  const maxRunMs = checkMs('maxRunMs', jobs.maxRunMs ?? DEFAULT_JOB_MAX_RUN_MS, MIN_JOB_MS);
  if (maxRunMs > ttlMs) {
    throw invalid(
      'maxRunMs',
      `must be at most ttlMs (${ttlMs}): a job must end before it is dropped (got ${maxRunMs})`,
    );
  }
  for (const name of ['owner', 'waitUntil'] as const) {
    if (jobs[name] !== undefined && typeof jobs[name] !== 'function') {
      throw invalid(name, `must be a function (got ${typeof jobs[name]})`);
    }
  }
  const imageDelivery = jobs.imageDelivery ?? 'url';
  if (imageDelivery !== 'url' && imageDelivery !== 'inline') {
    throw invalid(
      'imageDelivery',
      `must be 'url' or 'inline' (got ${JSON.stringify(imageDelivery)})`,
    );
  }
  const leaseMs = Math.max(MIN_LEASE_MS, LEASE_BEATS * (heartbeatMs || DEFAULT_BEAT_MS));
  return {
    store: store as JobStore,
    ttlMs,
    maxRunMs,
    leaseMs,
    beatMs: Math.ceil(leaseMs / LEASE_BEATS),
    owner: jobs.owner,
    imageDelivery,
    waitUntil: jobs.waitUntil,
  };
}
