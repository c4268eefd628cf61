const REDACTED = '[redacted]';

/**
 * Shortest piece of a secret that is removed. A preview, a clip or a server that echoes "the
 * first 20 characters of your key" cuts the key, and a piece is as bad as the whole: any run of
 * this many characters of it is scrubbed. Below this, a run is too short to identify a key and
 * too likely to be ordinary text.
 */
export const MIN_SECRET_RUN = 8;

/**
 * Where runs of `secret` (at least MIN_SECRET_RUN long) lie in `text`, merged, in order. Every
 * MIN_SECRET_RUN-character piece of the secret is searched with `indexOf` (native, fast on a
 * body of megabytes); overlapping or touching hits are one run.
 */
export function secretRuns(text: string, secret: string): Array<[start: number, end: number]> {
  if (secret.length < MIN_SECRET_RUN || text.length < MIN_SECRET_RUN) return [];
  const hits: Array<[number, number]> = [];
  const grams = new Set<string>();
  for (let p = 0; p + MIN_SECRET_RUN <= secret.length; p++) {
    grams.add(secret.slice(p, p + MIN_SECRET_RUN));
  }
  for (const gram of grams) {
    for (let at = text.indexOf(gram); at !== -1; at = text.indexOf(gram, at + 1)) {
      hits.push([at, at + MIN_SECRET_RUN]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const runs: Array<[number, number]> = [];
  for (const [start, end] of hits) {
    const last = runs.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else runs.push([start, end]);
  }
  return runs;
}

/** `text` with every run of any of `secrets` replaced by `replacement`. */
export function redactText(
  text: string,
  secrets: readonly (string | undefined)[],
  replacement = REDACTED,
): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const runs = secretRuns(out, secret);
    if (runs.length === 0) continue;
    let next = '';
    let from = 0;
    for (const [start, end] of runs) {
      next += out.slice(from, start) + replacement;
      from = end;
    }
    out = next + out.slice(from);
  }
  return out;
}

/**
 * Replaces every run of `secret` (see MIN_SECRET_RUN) in strings, deep in objects and arrays.
 * Servers sometimes echo what they received ("invalid key sk-or-v1-…"), whole or cut; nothing we
 * throw or log may carry the key or a piece of it.
 */
export function redactSecret<T>(value: T, secret: string | undefined): T {
  if (!secret || secret.length < MIN_SECRET_RUN) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, [secret]);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

const isPlainData = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return Array.isArray(v) || proto === Object.prototype || proto === null;
};

/**
 * Removes every run of `secret` from an error thrown somewhere below (its message, stack, every
 * string field, plain-data fields such as `body` or `issues`, and the cause chain), in place, and
 * returns it: the last line of defence before an error leaves the client.
 */
export function scrubSecret<T>(error: T, secret: string | undefined): T {
  if (!secret || secret.length < MIN_SECRET_RUN) return error;
  const seen = new Set<unknown>();
  const scrub = (e: unknown) => {
    if (typeof e !== 'object' || e === null || seen.has(e)) return;
    seen.add(e);
    const target = e as Record<string, unknown>;
    for (const key of new Set(['message', 'stack', ...Object.keys(target)])) {
      const value = target[key];
      let clean: unknown = value;
      if (typeof value === 'string') clean = redactText(value, [secret]);
      else if (typeof value === 'object' && value !== null && key !== 'cause') {
        if (isPlainData(value)) clean = redactSecret(value, secret);
        else if (value instanceof Error) scrub(value);
      }
      if (clean !== value) {
        Object.defineProperty(target, key, {
          value: clean,
          writable: true,
          configurable: true,
          enumerable: Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? false,
        });
      }
    }
    scrub(target.cause);
  };
  scrub(error);
  return error;
}
