import { readLimitedBody } from '@lunos-image/core/internal';
import { RequestTooLargeError } from '../errors/request-too-large-error';

/** Largest request body read (reference images included), by the handlers and the servers. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * The body of a request as text, or a RequestTooLargeError past `maxBytes`: reading stops there
 * and the rest is cancelled, never held (core's `readLimitedBody`, which the route handler uses).
 */
export async function readRequestText(
  request: Request,
  maxBytes = MAX_REQUEST_BYTES,
): Promise<string> {
  const body = await readLimitedBody(request.body, maxBytes);
  if ('tooLarge' in body) throw new RequestTooLargeError(maxBytes);
  return new TextDecoder().decode(body.bytes);
}
