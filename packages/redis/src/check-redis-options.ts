import { ValidationError } from '@lunos-image/core';
import type { RedisSourceOptions } from './redis-connections';

/**
 * A `ValidationError` (`what` options) unless exactly one of `url` and `client` is given and
 * every one of `counts` (time limits, connections) is a whole number above 0.
 */
export function checkRedisOptions(
  what: string,
  options: Partial<RedisSourceOptions>,
  counts: Record<string, number>,
): void {
  const issues = [];
  if ((options.url === undefined) === (options.client === undefined)) {
    issues.push({
      path: 'url',
      code: 'invalid_union',
      message: 'give exactly one of url and client',
    });
  }
  for (const [path, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      issues.push({
        path,
        code: 'too_small',
        message: `must be a whole number above 0 (got ${value})`,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(`${what} options`, issues);
}
