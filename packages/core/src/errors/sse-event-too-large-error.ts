import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

export interface SseEventTooLargeErrorOptions extends LunosImageErrorOptions {
  /** The limit that was exceeded. */
  maxEventBytes: number;
  /** How much of the event was buffered when the limit tripped. */
  bufferedBytes: number;
}

/**
 * One server-sent event grew past `maxEventBytes` before it ended: the decoder stops instead of
 * buffering without bound.
 */
export class SseEventTooLargeError extends LunosImageError {
  static override readonly kind: string = 'SseEventTooLargeError';

  readonly maxEventBytes: number;
  readonly bufferedBytes: number;

  constructor(options: SseEventTooLargeErrorOptions) {
    super(
      `Server-sent event exceeded maxEventBytes (${options.maxEventBytes}): ${options.bufferedBytes} bytes buffered without an event end`,
      options,
    );
    this.maxEventBytes = options.maxEventBytes;
    this.bufferedBytes = options.bufferedBytes;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      maxEventBytes: this.maxEventBytes,
      bufferedBytes: this.bufferedBytes,
    };
  }
}
