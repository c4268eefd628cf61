import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

export interface JobStoreUnavailableErrorOptions extends LunosImageErrorOptions {
  /** The store's own words: which backend and what failed, without credentials. */
  detail?: string | undefined;
}

/**
 * A job store could not be reached (connection refused or lost, a time limit passed) or failed
 * to answer. The route handler answers 503; thrown by `create`, nothing went upstream. The
 * backend's own error is the `cause`.
 */
export class JobStoreUnavailableError extends LunosImageError {
  static override readonly kind: string = 'JobStoreUnavailableError';

  constructor(options: JobStoreUnavailableErrorOptions = {}) {
    super(`The job store is unavailable${options.detail ? `: ${options.detail}` : ''}`, options);
  }
}
