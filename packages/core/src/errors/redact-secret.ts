const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of `secret` in strings, deep in objects and arrays. Servers sometimes
 * echo what they received ("invalid key sk-or-v1-…"); nothing we throw or log may carry the key.
 * Secrets shorter than 8 characters are not real keys and are left alone rather than mangling text.
 */
export function redactSecret<T>(value: T, secret: string | undefined): T {
  if (!secret || secret.length < 8) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(secret) ? v.split(secret).join(REDACTED) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * Removes `secret` from an error thrown somewhere below (its message, stack, string fields, body
 * and cause chain), in place, and returns it: the last line of defence before an error leaves
 * the client.
 */
export function scrubSecret<T>(error: T, secret: string | undefined): T {
  if (!secret || secret.length < 8) return error;
  const seen = new Set<unknown>();
  const scrub = (e: unknown) => {
    if (typeof e !== 'object' || e === null || seen.has(e)) return;
    seen.add(e);
    const target = e as Record<string, unknown>;
    for (const key of ['message', 'stack', ...Object.keys(target)]) {
      const value = target[key];
      if (typeof value === 'string' && value.includes(secret)) {
        Object.defineProperty(target, key, {
          value: redactSecret(value, secret),
          writable: true,
          configurable: true,
        });
      } else if (key === 'body' && typeof value === 'object') {
        target[key] = redactSecret(value, secret);
      }
    }
    scrub(target.cause);
  };
  scrub(error);
  return error;
}
