import { ValidationError } from '../errors/validation-error';

/**
 * Time limits of one call. Image models are slow (a 4K image or gpt-image at high quality takes
 * minutes), so the defaults are minutes, not seconds.
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

/** A number is the total limit; an object overrides some limits. */
export type TimeoutOption = number | Partial<Timeouts>;

export function resolveTimeouts(...options: (TimeoutOption | undefined)[]): Timeouts {
  let resolved = DEFAULT_TIMEOUTS;
  for (const option of options) {
    if (option === undefined) continue;
    resolved = { ...resolved, ...(typeof option === 'number' ? { totalMs: option } : option) };
  }
  for (const [key, value] of Object.entries(resolved)) {
    if (!(typeof value === 'number' && value > 0)) {
      throw new ValidationError('timeout', [
        {
          path: `timeout.${key}`,
          code: 'invalid_type',
          message: `must be a positive number of milliseconds (got ${String(value)})`,
        },
      ]);
    }
  }
  return resolved;
}
