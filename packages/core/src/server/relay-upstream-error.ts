import { redactSecret } from '../errors/redact-secret';
import { readLimitedBody } from './read-limited-body';

/** An error body longer than this is not relayed (the API's are a few hundred bytes). */
const MAX_ERROR_BYTES = 64 * 1024;
/** Text that is not the API's JSON is relayed as a message, cut to this many characters. */
const MAX_MESSAGE_CHARS = 2000;
// Anything shaped like an OpenRouter or Lunos key, whoever's it is: a provider that echoes a
// truncated or another key must not hand it to a browser either.
const KEY_LIKE = /\bsk-[A-Za-z0-9_-]{8,}/g;

function scrub<T>(value: T, apiKey: string): T {
  // Key-shaped text goes first: the key's own runs include its public prefix (`sk-or-v1`), and
  // redacting those first would leave the rest of another key (`[redacted]-abc…`) unmatched.
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(KEY_LIKE, '[redacted]');
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    }
    return v;
  };
  return redactSecret(walk(value), apiKey) as T;
}

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
          message: scrub(text, apiKey).trim().slice(0, MAX_MESSAGE_CHARS) || upstream.statusText,
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
  return new Response(JSON.stringify(scrub(json, apiKey)), {
    status: upstream.status,
    headers: { ...headers, 'content-type': 'application/json' },
  });
}
