import { LunosImageError } from './lunos-image-error';

/** The request never got an answer: DNS, refused or reset connection, CORS, offline. */
export class ConnectionError extends LunosImageError {
  static override readonly kind: string = 'ConnectionError';
}

export type TimeoutLimit = 'total' | 'firstByte' | 'idle';

/** One of the client's time limits was hit; `limit` says which. */
export class TimeoutError extends LunosImageError {
  static override readonly kind: string = 'TimeoutError';

  readonly limit: TimeoutLimit;
  readonly ms: number;

  constructor(limit: TimeoutLimit, ms: number) {
    const what = {
      total: 'the whole request took longer than',
      firstByte: 'no answer arrived within',
      idle: 'nothing arrived for',
    }[limit];
    super(`Timed out: ${what} ${ms} ms (timeout.${limit}Ms)`);
    this.limit = limit;
    this.ms = ms;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limit: this.limit, ms: this.ms };
  }
}

/** The caller aborted. `reason` is the signal's reason, as given. */
export class AbortError extends LunosImageError {
  static override readonly kind: string = 'AbortError';

  readonly reason: unknown;

  constructor(reason: unknown) {
    const why =
      reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : undefined;
    super(why ? `Aborted: ${why}` : 'Aborted', { cause: reason });
    this.reason = reason;
  }
}
