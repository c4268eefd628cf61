import * as z from 'zod/mini';
import { type ErrorObject, errorBodySchema } from '../schemas/error-body-schema';
import {
  APIError,
  type APIErrorDetails,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  EdgeTimeoutError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  ProviderOverloadedError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from './api-error';
import { redactSecret } from './redact-secret';

type TAPIErrorClass = new (details: APIErrorDetails) => APIError;

const BY_STATUS: Record<number, TAPIErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: RequestTimeoutError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
  502: BadGatewayError,
  503: ServiceUnavailableError,
  524: EdgeTimeoutError,
  529: ProviderOverloadedError,
};

export interface CreateAPIErrorContext {
  /** The requested model, named in messages that are about it. */
  model?: string | undefined;
  /** The model's output modalities, when known: the 404 for wrong modalities names them. */
  outputModalities?: readonly string[] | undefined;
  /** Removed from the message and the body wherever it appears (the API key). */
  secret?: string | undefined;
}

type THeaders = Headers | Record<string, string> | undefined;

function header(headers: THeaders, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}

const MAX_TEXT = 300;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * The provider's own message: `metadata.raw` is a string, a JSON string nested one or more times,
 * or an object with the message somewhere inside.
 */
export function unwrapProviderMessage(raw: unknown): string | undefined {
  let value = raw;
  for (let depth = 0; depth < 5 && typeof value === 'string'; depth++) {
    const text: string = value;
    const trimmed = text.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('"') && !trimmed.startsWith('[')) {
      return trimmed === '' ? undefined : clip(trimmed);
    }
    try {
      value = JSON.parse(trimmed);
    } catch {
      return clip(trimmed);
    }
  }
  if (typeof value === 'string') return clip(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as { error?: unknown; message?: unknown };
  if (typeof o.message === 'string') return clip(o.message);
  if (typeof o.error === 'string') return clip(o.error);
  if (typeof o.error === 'object' && o.error !== null) return unwrapProviderMessage(o.error);
  return clip(JSON.stringify(value));
}

function secondsToMs(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

/** A finite number >= 0, else undefined. */
function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * How long the server asks us to wait: `retry-after-ms`, the route handler's exact
 * `metadata.retry_after_ms` (its `Retry-After` is rounded up to seconds), `Retry-After` (seconds
 * or an HTTP date), then the body's `metadata.retry_after_seconds`, `metadata.headers["Retry-After"]` or
 * `availability.retry_after`, which OpenRouter sends when the header is missing.
 */
export function retryAfterMsOf(
  headers: THeaders,
  error: ErrorObject | undefined,
  now = Date.now(),
): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (header(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const exact = nonNegative(error?.metadata?.retry_after_ms);
  if (exact !== undefined) return exact;
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = secondsToMs(retryAfter.trim());
    if (seconds !== undefined) return seconds;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const metadata = error?.metadata;
  const metaHeaders = metadata?.headers as Record<string, unknown> | null | undefined;
  const availability = error?.availability as { retry_after?: unknown } | undefined;
  return (
    secondsToMs(metadata?.retry_after_seconds) ??
    secondsToMs(metaHeaders?.['Retry-After'] ?? metaHeaders?.['retry-after']) ??
    secondsToMs(availability?.retry_after)
  );
}

function modalitiesHint(error: ErrorObject | undefined, context: CreateAPIErrorContext): string {
  if (!error?.message?.includes('requested output modalities')) return '';
  const model = context.model ?? 'the model';
  if (!context.outputModalities || context.outputModalities.length === 0) {
    return ` (check ${model}'s output modalities with listModels(); image-only models take ["image"])`;
  }
  const outputs = context.outputModalities.filter((m) => m === 'image' || m === 'text');
  return ` (${model} supports output modalities ${outputs.join(', ')}: send modalities ${JSON.stringify(outputs)})`;
}

/**
 * One place that turns an error answer (status, body, headers) into the matching `APIError`
 * subclass, with the provider's message unwrapped and the key redacted.
 */
export function createAPIError(
  status: number,
  body: unknown,
  headers?: THeaders,
  context: CreateAPIErrorContext = {},
): APIError {
  const safeBody = redactSecret(body, context.secret);
  const parsed = z.safeParse(errorBodySchema, safeBody);
  const error: ErrorObject | undefined = parsed.success
    ? typeof parsed.data.error === 'string'
      ? { message: parsed.data.error }
      : parsed.data.error
    : undefined;

  const providerName = error?.metadata?.provider_name ?? undefined;
  const providerMessage = unwrapProviderMessage(error?.metadata?.raw);
  let message =
    error?.message ??
    (typeof safeBody === 'string' && safeBody.trim() !== ''
      ? clip(safeBody.trim())
      : 'Request failed');
  if (providerMessage && providerMessage !== message) {
    message = `${message}${providerName ? ` (${providerName})` : ''}: ${providerMessage}`;
  }
  message += modalitiesHint(error, context);

  const Class = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
  return new Class({
    status,
    message: redactSecret(`${status} ${message}`, context.secret),
    code: error?.code ?? undefined,
    errorType: error?.metadata?.error_type ?? error?.error_type,
    providerName,
    providerMessage: redactSecret(providerMessage, context.secret),
    generationId: header(headers, 'x-generation-id'),
    retryAfterMs: retryAfterMsOf(headers, error),
    body: safeBody,
    remainingUsd: nonNegative(error?.metadata?.remaining_usd),
  });
}
