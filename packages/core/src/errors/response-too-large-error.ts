import { LunosImageError, type LunosImageErrorOptions } from './lunos-image-error';

/** Which of the client's answer limits was exceeded. */
export type ResponseLimit = 'maxResponseBytes' | 'maxImagesPerAnswer';

export interface ResponseTooLargeErrorOptions extends LunosImageErrorOptions {
  limit: ResponseLimit;
  /** The limit's value. */
  max: number;
  /** What had arrived when it tripped: bytes of the decoded body, or images. */
  received: number;
}

/**
 * An answer grew past one of the client's limits, so its body was cancelled there instead of
 * being held whole. Not retryable: the same request would get the same answer.
 */
export class ResponseTooLargeError extends LunosImageError {
  static override readonly kind: string = 'ResponseTooLargeError';

  readonly limit: ResponseLimit;
  readonly max: number;
  readonly received: number;

  constructor(options: ResponseTooLargeErrorOptions) {
    const what =
      options.limit === 'maxResponseBytes'
        ? `${options.received} bytes of the answer arrived, more than maxResponseBytes (${options.max})`
        : `the answer holds more than maxImagesPerAnswer (${options.max}) images`;
    super(
      `The answer is too large: ${what}. Raise it with createLunosImageClient({ ${options.limit}: … }) if this answer is expected`,
      options,
    );
    this.limit = options.limit;
    this.max = options.max;
    this.received = options.received;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limit: this.limit, max: this.max, received: this.received };
  }
}
