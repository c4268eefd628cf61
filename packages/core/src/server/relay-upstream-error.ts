import { readLimitedBody } from './read-limited-body';
import { scrubKeys, scrubKeysInText } from './scrub-keys';

/** An error body longer than this is not relayed (the API's are a few hundred bytes). */
const MAX_ERROR_BYTES = 64 * 1024;
/** Text that is not the API's JSON is relayed as a message, cut to this many characters. */
const MAX_MESSAGE_CHARS = 2000;

/**
 * An upstream error answer, re-sent with its status and `{ error }` body but without the key: the
 * body is read (at most 64 KiB, the rest cancelled), every occurrence of the key and of anything
 * key-shaped is replaced, and the JSON is written anew. A body that is too large or not JSON becomes
 * the API's error shape around its (scrubbed, shortened) text, never relayed raw.
 */
export async function relayUpstreamError(
  upstream: Response,
  apiKey: string,
  headers: Record<string, string>,
): Promise<Response> {
  const body = await readLimitedBody(upstream.body, MAX_ERROR_BYTES).catch(() => undefined);
  let json: unknown;
  if (body && 'bytes' in body) {
    const text = new TextDecoder().decode(body.bytes);
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || !('error' in json)) {
      json = {
        error: {
          code: upstream.status,
          message:
            scrubKeysInText(text, apiKey).trim().slice(0, MAX_MESSAGE_CHARS) || upstream.statusText,
        },
      };
    }
  } else {
    json = {
      error: {
        code: upstream.status,
        message: `The provider answered ${upstream.status} with a body this server does not relay`,
      },
    };
  }
  return new Response(JSON.stringify(scrubKeys(json, apiKey)), {
    status: upstream.status,
    headers: { ...headers, 'content-type': 'application/json' },
  });
}
