import { LunosImageError } from '@lunos-image/core';

/**
 * The recorder's upstream answered an error status, or a content type that is neither JSON nor
 * SSE, with a body larger than the recorder reads of such an answer: it stopped there, closed the
 * connection and wrote no fixture.
 */
export class UpstreamBodyTooLargeError extends LunosImageError {
  static override readonly kind: string = 'UpstreamBodyTooLargeError';

  readonly status: number;
  readonly contentType: string;
  readonly maxBytes: number;

  constructor(status: number, contentType: string, maxBytes: number) {
    super(
      `The upstream answered ${status} (${contentType.slice(0, 200) || 'no content type'}) with a body over ${maxBytes} bytes: the recorder read no more of it, closed the connection and recorded nothing`,
    );
    this.status = status;
    this.contentType = contentType.slice(0, 200);
    this.maxBytes = maxBytes;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      contentType: this.contentType,
      maxBytes: this.maxBytes,
    };
  }
}
