import type { Dialect, DialectHeaderOptions } from './dialect';

/**
 * The headers of a generation request, without credentials: JSON in, SSE or JSON out, the
 * dialect's attribution headers, then the caller's own.
 */
export function requestHeaders(
  dialect: Dialect,
  options: DialectHeaderOptions & { headers?: Record<string, string> | undefined },
  stream: boolean | undefined,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...dialect.headers(options),
    ...options.headers,
  };
}
