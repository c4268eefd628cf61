import { MAX_TIMEOUT_MS } from '../../client/timeouts';
import { ValidationError } from '../../errors/validation-error';
import type { LunosImageHandlerOptions } from '../lunos-image-handler-options';
import type { HandlerJobs } from './check-jobs-options';

/** `dedupe` and `cache`, checked: what identical generations share. */
export interface HandlerSharing {
  readonly dedupe: boolean;
  /** How long a finished job with a `seed` answers identical requests; undefined without `cache`. */
  readonly cacheTtlMs: number | undefined;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError('handler options', [{ path, code: 'invalid_value', message }]);
}

/**
 * A `ValidationError` naming `dedupe` or `cache` when they cannot work: both share jobs' streams,
 * so both need `jobs`, with a store that can `claim` and `release`. Undefined with neither.
 */
export function checkSharingOptions(
  { dedupe, cache }: Pick<LunosImageHandlerOptions, 'dedupe' | 'cache'>,
  jobs: HandlerJobs | undefined,
): HandlerSharing | undefined {
  if (dedupe !== undefined && typeof dedupe !== 'boolean') {
    throw invalid('dedupe', `must be true or false (got ${typeof dedupe})`);
  }
  if (cache !== undefined && (typeof cache !== 'object' || cache === null)) {
    throw invalid('cache', 'must be an object like { ttlMs: 86_400_000 }');
  }
  if (!dedupe && cache === undefined) return undefined;
  const option = dedupe ? 'dedupe' : 'cache';
  if (!jobs) {
    throw invalid(option, 'needs jobs: identical requests share a job and its stream');
  }
  if (typeof jobs.store.claim !== 'function' || typeof jobs.store.release !== 'function') {
    throw invalid(option, 'needs a job store with claim and release (jobs.store has not)');
  }
  let cacheTtlMs: number | undefined;
  if (cache !== undefined) {
    const { ttlMs } = cache;
    if (typeof ttlMs !== 'number' || !Number.isSafeInteger(ttlMs) || ttlMs < 1) {
      throw invalid(
        'cache.ttlMs',
        `must be a whole number of milliseconds >= 1 (got ${String(ttlMs)})`,
      );
    }
    if (ttlMs > MAX_TIMEOUT_MS) {
      throw invalid('cache.ttlMs', `must be at most ${MAX_TIMEOUT_MS} ms (got ${ttlMs})`);
    }
    // A finished job is answered from its events and images: never past the job's own life.
    cacheTtlMs = Math.min(ttlMs, jobs.ttlMs);
  }
  return { dedupe: dedupe === true, cacheTtlMs };
}
