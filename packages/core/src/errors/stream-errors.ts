import { LunosImageError } from './lunos-image-error';
import { ReportedError, type ReportedErrorDetails } from './reported-error';

export interface StreamErrorDetails extends ReportedErrorDetails {
  finishReason?: string | null | undefined;
  nativeFinishReason?: string | null | undefined;
}

/**
 * The API reported an error inside a stream (HTTP 200 already sent): a chunk with a top-level
 * `error`, a choice with `error`, or `finish_reason: "error"` with no error object at all.
 */
export class StreamError extends ReportedError {
  static override readonly kind: string = 'StreamError';

  readonly finishReason: string | null | undefined;
  readonly nativeFinishReason: string | null | undefined;

  constructor(details: StreamErrorDetails) {
    super(details);
    this.finishReason = details.finishReason;
    this.nativeFinishReason = details.nativeFinishReason;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      finishReason: this.finishReason,
      nativeFinishReason: this.nativeFinishReason,
    };
  }
}

/**
 * The stream ended before `[DONE]` and before any finish reason: the server `closed` it early, or
 * the connection `dropped` (then `cause` is the network error).
 */
export class StreamTruncatedError extends LunosImageError {
  static override readonly kind: string = 'StreamTruncatedError';

  /** Body bytes received before it ended. */
  readonly bytesReceived: number;
  readonly reason: 'closed' | 'dropped';

  constructor(
    message: string,
    bytesReceived: number,
    options: { cause?: unknown; reason?: 'closed' | 'dropped' } = {},
  ) {
    super(message, options);
    this.bytesReceived = bytesReceived;
    this.reason = options.reason ?? 'closed';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), bytesReceived: this.bytesReceived, reason: this.reason };
  }
}

/**
 * The run finished without an image: a safety block (`IMAGE_SAFETY`, `IMAGE_PROHIBITED_CONTENT`),
 * `NO_IMAGE`, or a text-only answer. Carries the reasons and any text the model sent.
 */
export class NoImageGeneratedError extends LunosImageError {
  static override readonly kind: string = 'NoImageGeneratedError';

  readonly finishReason: string | null;
  readonly nativeFinishReason: string | null;
  readonly text: string;

  constructor(finishReason: string | null, nativeFinishReason: string | null, text: string) {
    const reason = nativeFinishReason ?? finishReason ?? 'unknown';
    const said = text.trim() ? ` The model said: "${text.trim().slice(0, 200)}"` : '';
    super(`No image was generated (finish reason: ${reason}).${said}`);
    this.finishReason = finishReason;
    this.nativeFinishReason = nativeFinishReason;
    this.text = text;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      finishReason: this.finishReason,
      nativeFinishReason: this.nativeFinishReason,
      text: this.text,
    };
  }
}
