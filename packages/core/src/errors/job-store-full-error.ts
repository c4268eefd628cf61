import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

export interface JobStoreFullErrorOptions extends LunosImageErrorOptions {
  /** When a new job may fit again: the handler sends it as `Retry-After`. */
  retryAfterMs: number;
  /** What the store says is in the way, for logs ("running jobs hold 130 MB of 128 MB"). */
  detail?: string | undefined;
}

/**
 * A job store refused a new job because running jobs fill it (finished ones were evicted
 * first). Thrown by `JobStore.create`, before anything goes upstream: the route handler answers
 * 503 with `Retry-After`, and nothing is billed.
 */
export class JobStoreFullError extends LunosImageError {
  static override readonly kind: string = 'JobStoreFullError';

  readonly retryAfterMs: number;

  constructor(options: JobStoreFullErrorOptions) {
    super(
      `The job store is full${options.detail ? ` (${options.detail})` : ''}: retry in ${Math.ceil(options.retryAfterMs / 1000)} s`,
      options,
    );
    this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
