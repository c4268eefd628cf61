import { LunosImageError } from './lunos-image-error';

/** What the API tells about an error, in an error status or inside an answer. */
export interface ReportedErrorDetails {
  message: string;
  /** `error.code`: numeric on OpenRouter, a string such as `invalid_request_error` on Lunos. */
  code?: number | string | undefined;
  /** `error.metadata.error_type` (or `error.error_type`), e.g. `rate_limit_exceeded`. */
  errorType?: string | undefined;
  /** The upstream provider, e.g. `Google AI Studio`, when the API names it. */
  providerName?: string | undefined;
  /** The provider's own message, unwrapped from `metadata.raw` (often the only useful text). */
  providerMessage?: string | undefined;
  /** `X-Generation-Id` or the chunk's `id`, for support requests and generation stats. */
  generationId?: string | undefined;
}

/** Base of the errors the API itself reported: `APIError` (a status) and `StreamError` (in-band). */
export class ReportedError extends LunosImageError {
  static override readonly kind: string = 'ReportedError';

  readonly code: number | string | undefined;
  readonly errorType: string | undefined;
  readonly providerName: string | undefined;
  readonly providerMessage: string | undefined;
  readonly generationId: string | undefined;

  constructor(details: ReportedErrorDetails, options: { cause?: unknown } = {}) {
    super(details.message, options);
    this.code = details.code;
    this.errorType = details.errorType;
    this.providerName = details.providerName;
    this.providerMessage = details.providerMessage;
    this.generationId = details.generationId;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      code: this.code,
      errorType: this.errorType,
      providerName: this.providerName,
      providerMessage: this.providerMessage,
      generationId: this.generationId,
    };
  }
}
