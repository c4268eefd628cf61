import { ReportedError, type ReportedErrorDetails } from './reported-error';

export interface APIErrorDetails extends ReportedErrorDetails {
  /** HTTP status of the answer. */
  status: number;
  /** How long the server asks to wait before a retry. */
  retryAfterMs?: number | undefined;
  /** The parsed error body, key redacted. */
  body?: unknown;
  /** A route handler's 429 `budget_exceeded`: the budget left, in USD (`metadata.remaining_usd`). */
  remainingUsd?: number | undefined;
}

/** The API answered with an error status. One subclass per status the API documents. */
export class APIError extends ReportedError {
  static override readonly kind: string = 'APIError';

  readonly status: number;
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;

  constructor(details: APIErrorDetails, options: { cause?: unknown } = {}) {
    super(details, options);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, retryAfterMs: this.retryAfterMs };
  }
}

/** 400: a parameter the API (or the provider) refused. */
export class BadRequestError extends APIError {
  static override readonly kind: string = 'BadRequestError';
}
/** 401: the key is missing, wrong or disabled. */
export class AuthenticationError extends APIError {
  static override readonly kind: string = 'AuthenticationError';
}
/** 402: not enough credits for the request. */
export class PaymentRequiredError extends APIError {
  static override readonly kind: string = 'PaymentRequiredError';
}
/** 403: permission, moderation or guardrail block. */
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = 'PermissionDeniedError';
}
/** 404: no such model, or no endpoint for the requested modalities. */
export class NotFoundError extends APIError {
  static override readonly kind: string = 'NotFoundError';
}
/** 408: the API gave up waiting for the request. */
export class RequestTimeoutError extends APIError {
  static override readonly kind: string = 'RequestTimeoutError';
}
/** 409: conflicting request (retried). */
export class ConflictError extends APIError {
  static override readonly kind: string = 'ConflictError';
}
/** 413: the request is too large (usually reference images). */
export class PayloadTooLargeError extends APIError {
  static override readonly kind: string = 'PayloadTooLargeError';
}
/** 422: well-formed but unprocessable. */
export class UnprocessableEntityError extends APIError {
  static override readonly kind: string = 'UnprocessableEntityError';
}
/**
 * 429: rate limited; see `retryAfterMs`. From a route handler with `limits`, `errorType` says
 * which: `rate_limited`, or `budget_exceeded` with `remainingUsd`, the budget left.
 */
export class RateLimitError extends APIError {
  static override readonly kind: string = 'RateLimitError';

  /** USD the budget has left (`budget_exceeded`); undefined for any other 429. */
  readonly remainingUsd: number | undefined;

  constructor(details: APIErrorDetails, options: { cause?: unknown } = {}) {
    super(details, options);
    this.remainingUsd = details.remainingUsd;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), remainingUsd: this.remainingUsd };
  }
}
/** 5xx without a more specific class. */
export class InternalServerError extends APIError {
  static override readonly kind: string = 'InternalServerError';
}
/** 502: the provider is down or answered something invalid. */
export class BadGatewayError extends InternalServerError {
  static override readonly kind: string = 'BadGatewayError';
}
/** 503: no provider meets the routing requirements, or overloaded. */
export class ServiceUnavailableError extends InternalServerError {
  static override readonly kind: string = 'ServiceUnavailableError';
}
/** 524: the edge network timed out waiting for the provider. */
export class EdgeTimeoutError extends InternalServerError {
  static override readonly kind: string = 'EdgeTimeoutError';
}
/** 529: the provider is overloaded. */
export class ProviderOverloadedError extends InternalServerError {
  static override readonly kind: string = 'ProviderOverloadedError';
}
