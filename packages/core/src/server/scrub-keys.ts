import { redactSecret, redactText } from '../errors/redact-secret';

// Anything shaped like an OpenRouter or Lunos key, whoever's it is: a provider that echoes a
// truncated or another key must not hand it to a browser either.
const KEY_LIKE = /\bsk-[A-Za-z0-9_-]{8,}/g;
const REDACTED = '[redacted]';

/** `text` without anything key-shaped and without any piece of `apiKey` (see `secretRuns`). */
export function scrubKeysInText(text: string, apiKey: string): string {
  // Key-shaped text goes first: the key's own runs include its public prefix (`sk-or-v1`), and
  // redacting those first would leave the rest of another key (`[redacted]-abc…`) unmatched.
  return redactText(text.replace(KEY_LIKE, REDACTED), [apiKey]);
}

/**
 * `value` (an error body) with every string, keys included, deep in objects and arrays, scrubbed
 * of anything key-shaped and of every piece of `apiKey`.
 */
export function scrubKeys<T>(value: T, apiKey: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(KEY_LIKE, REDACTED);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    }
    return v;
  };
  return redactSecret(walk(value), apiKey) as T;
}
