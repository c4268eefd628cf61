import { RequestTooLargeError } from '../errors/request-too-large-error';
import { concatBytes } from './read-stream';

/** Largest request body read (reference images included), by the handlers and the servers. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * The body of a request as text, or a RequestTooLargeError past `maxBytes`: reading stops there
 * and the rest is cancelled, never held.
 */
export async function readRequestText(
  request: Request,
  maxBytes = MAX_REQUEST_BYTES,
): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: cancelling one branch of a teed body (msw clones requests) settles only
      // once the other branch is cancelled too.
      reader.cancel().catch(() => {});
      throw new RequestTooLargeError(maxBytes);
    }
    parts.push(value);
  }
  return new TextDecoder().decode(concatBytes(parts, total));
}
