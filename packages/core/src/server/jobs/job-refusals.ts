import { JobStoreFullError } from '../../errors/job-store-full-error';
import { JobStoreUnavailableError } from '../../errors/job-store-unavailable-error';
import { refuse } from '../refuse';

/** 404 for an unknown, expired or foreign job alike (never 403: ids cannot be probed). */
export function jobNotFound(): Response {
  return refuse(404, 'job_not_found', 'No such job here (unknown, expired or not yours)');
}

/**
 * What the browser gets when the job store failed: 503 with `Retry-After` when it is full, 503
 * when it cannot be reached, 500 otherwise. The store's own words stay in the server (they can
 * name hosts).
 */
export function jobStoreRefusal(error: unknown): Response {
  if (error instanceof JobStoreFullError) {
    return refuse(503, 'job_store_full', 'The job store is full: try again later', {
      headers: { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) },
    });
  }
  if (error instanceof JobStoreUnavailableError) {
    return refuse(503, 'job_store_unavailable', 'The job store cannot be reached: try again later');
  }
  return refuse(500, 'job_store_failed', 'The job store failed');
}
