import { RateLimitError } from '@lunos-image/core';
import { formatUsd } from './format-usd';

/** `12 s`, `5 min`, `23 h 5 min`: how long until a limit lets the visitor through, rounded up. */
function waitText(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  const minutes = Math.ceil(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * A failed run as the page says it: the route handler's 429s in the visitor's terms (the budget
 * used up, with what is left and when it frees up; too many generations, with when to try
 * again), any other error with its own message.
 */
export function errorText(error: Error): string {
  if (RateLimitError.isInstance(error) && error.errorType === 'budget_exceeded') {
    const left = error.remainingUsd === undefined ? '' : ` (${formatUsd(error.remainingUsd)} left)`;
    const when =
      error.retryAfterMs === undefined
        ? ''
        : ` There is enough again in ${waitText(error.retryAfterMs)}.`;
    return `Your budget is used up: this image costs more than it has left${left}.${when}`;
  }
  if (RateLimitError.isInstance(error) && error.errorType === 'rate_limited') {
    const when =
      error.retryAfterMs === undefined ? '' : ` Try again in ${waitText(error.retryAfterMs)}.`;
    return `Too many generations in a minute.${when}`;
  }
  return error.message;
}
