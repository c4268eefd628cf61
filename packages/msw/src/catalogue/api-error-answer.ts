import type { FixtureDialect } from '../fixture/fixture-schema';
import type { FixtureWire } from '../fixture/fixture-wire';

export interface ApiErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface ApiErrorOptions {
  message?: string;
  /** Seconds; sent as `Retry-After` and, for OpenRouter 429s, in `metadata` as real bodies do. */
  retryAfter?: number;
  model?: string;
  metadata?: Record<string, unknown>;
  /** The Images API words some errors its own way (402 has no max_tokens; 502 is not billed). */
  wire?: FixtureWire;
}

const openRouterDefaults: Record<number, { message: string; errorType: string }> = {
  400: { message: 'Bad Request', errorType: 'invalid_request' },
  401: { message: 'No auth credentials found', errorType: 'authentication' },
  402: {
    message:
      'This request requires more credits, or fewer max_tokens. You requested up to 32768 tokens, but can only afford 1066. To increase, visit https://openrouter.ai/settings/credits and add more credits',
    errorType: 'payment_required',
  },
  403: { message: 'Your request was blocked by a guardrail', errorType: 'permission_denied' },
  404: { message: 'No endpoints found matching your data policy', errorType: 'not_found' },
  408: { message: 'Request timed out', errorType: 'timeout' },
  413: { message: 'Request payload too large', errorType: 'payload_too_large' },
  422: { message: 'Unprocessable request', errorType: 'unprocessable' },
  429: { message: 'Provider returned error', errorType: 'rate_limit_exceeded' },
  500: { message: 'Internal Server Error', errorType: 'server' },
  502: { message: 'Provider returned error', errorType: 'provider_unavailable' },
  503: { message: 'No available providers for this request', errorType: 'provider_overloaded' },
  524: { message: 'Provider timed out', errorType: 'timeout' },
  529: { message: 'Provider is overloaded', errorType: 'provider_overloaded' },
};

// Image generation is billed all or nothing: a generation that does not finish is a 502 (§9).
const imagesDefaults: Record<number, { message: string; errorType: string }> = {
  402: {
    message:
      'Insufficient credits to generate this image. To add more, visit https://openrouter.ai/settings/credits',
    errorType: 'payment_required',
  },
  502: {
    message: 'Image generation did not finish, so it was not billed. Please retry the request.',
    errorType: 'provider_unavailable',
  },
};

function lunosType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'insufficient_quota';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * The error answer the API gives for a status, in the dialect's body shape
 * (api-wire-format.md §5): OpenRouter `{error:{code,message,metadata}}` with a numeric code,
 * Lunos OpenAI-style `{error:{code,message,type,param}}` with a string code.
 */
export function apiErrorAnswer(
  status: number,
  dialect: FixtureDialect,
  options: ApiErrorOptions = {},
): ApiErrorAnswer {
  const retryAfter = options.retryAfter ?? (status === 429 || status === 503 ? 16 : undefined);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (dialect === 'lunos') {
    const type = lunosType(status);
    const message = options.message ?? openRouterDefaults[status]?.message ?? `HTTP ${status}`;
    return { status, headers, body: { error: { code: type, message, type, param: null } } };
  }
  const known =
    (options.wire === 'images' ? imagesDefaults[status] : undefined) ?? openRouterDefaults[status];
  const message = options.message ?? known?.message ?? `HTTP ${status}`;
  let metadata: Record<string, unknown> = { error_type: known?.errorType ?? 'unmapped' };
  if (status === 429) {
    const model = options.model ?? 'google/gemini-2.5-flash-image';
    metadata = {
      raw: `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations`,
      provider_name: 'Google AI Studio',
      is_byok: false,
      ...(retryAfter === undefined
        ? {}
        : { retry_after_seconds: retryAfter, headers: { 'Retry-After': String(retryAfter) } }),
    };
  } else if (status === 502 && options.wire !== 'images') {
    metadata = {
      raw: JSON.stringify({
        error: {
          code: 503,
          message: 'The model is overloaded. Please try again later.',
          status: 'UNAVAILABLE',
        },
      }),
      provider_name: 'Google AI Studio',
    };
  }
  return {
    status,
    headers,
    body: { error: { code: status, message, metadata: { ...metadata, ...options.metadata } } },
  };
}
