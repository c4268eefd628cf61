import { ValidationError, type ValidationIssue } from '../errors/validation-error';

/**
 * Time limits of one call. Image models are slow (a 4K image or gpt-image at high quality takes
 * minutes), so the defaults are minutes, not seconds. `Infinity` means no limit.
 */
export interface Timeouts {
  /** The whole call, retries and waits included. Default 10 minutes. */
  totalMs: number;
  /** From sending the request to the response headers. Default 5 minutes. */
  firstByteMs: number;
  /** Between two reads of the body; keep-alive comments count as activity. Default 2 minutes. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  totalMs: 10 * 60_000,
  firstByteMs: 5 * 60_000,
  idleMs: 2 * 60_000,
};

/**
 * Longest delay a timer can hold: larger values (and `Infinity`) are clamped by every JavaScript
 * runtime to 1 ms, which would make a "very long" limit fire at once.
 */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * A number is the total limit; an object overrides some limits. Each limit is 1 to 2^31-1 ms, or
 * `Infinity` for no limit; `0` is refused (it reads as "no time at all" as much as "no limit").
 */
export type TimeoutOption = number | Partial<Timeouts>;

const KEYS = Object.keys(DEFAULT_TIMEOUTS) as (keyof Timeouts)[];

/** A limit as given → milliseconds (`Infinity` for none), or why it is not a limit. */
function toLimit(value: unknown): number | string {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return `must be a number of milliseconds (got ${typeof value === 'number' ? 'NaN' : typeof value})`;
  }
  if (value === Number.POSITIVE_INFINITY) return value;
  if (value <= 0 || value > MAX_TIMEOUT_MS) {
    const hint = value === 0 ? ': for no limit pass Infinity' : '';
    return `must be between 1 and ${MAX_TIMEOUT_MS} ms (2^31-1, the longest a timer can wait), or Infinity for no limit (got ${value}${hint})`;
  }
  return value;
}

/**
 * Merges the options (later ones win) over the defaults; a `ValidationError` naming the option
 * (`timeout`, `timeout.idleMs`) for a bad one, `0` included.
 */
export function resolveTimeouts(...options: (TimeoutOption | undefined)[]): Timeouts {
  const resolved = { ...DEFAULT_TIMEOUTS };
  const issues: ValidationIssue[] = [];
  for (const option of options) {
    if (option === undefined) continue;
    if (typeof option === 'number') {
      const limit = toLimit(option);
      if (typeof limit === 'string')
        issues.push({ path: 'timeout', code: 'invalid_value', message: limit });
      else resolved.totalMs = limit;
      continue;
    }
    if (typeof option !== 'object' || option === null) {
      issues.push({
        path: 'timeout',
        code: 'invalid_type',
        message: `must be a number of milliseconds or { totalMs, firstByteMs, idleMs } (got ${option === null ? 'null' : typeof option})`,
      });
      continue;
    }
    for (const [key, value] of Object.entries(option)) {
      if (!KEYS.includes(key as keyof Timeouts)) {
        issues.push({
          path: `timeout.${key}`,
          code: 'unrecognized_keys',
          message: `is not a timeout (use ${KEYS.join(', ')})`,
        });
        continue;
      }
      if (value === undefined) continue;
      const limit = toLimit(value);
      if (typeof limit === 'string') {
        issues.push({ path: `timeout.${key}`, code: 'invalid_value', message: limit });
      } else resolved[key as keyof Timeouts] = limit;
    }
  }
  if (issues.length > 0) throw new ValidationError('timeout', issues);
  return resolved;
}
