import { RateLimitError, TimeoutError } from '@lunos-image/core';
import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe("errorText of the route handler's 429s", () => {
  it('says the budget is used up, what is left and when it frees up', () => {
    const error = new RateLimitError({
      status: 429,
      message: 'This generation (up to $0.0387) would pass the budget: $0.0226 of $0.1 left',
      errorType: 'budget_exceeded',
      remainingUsd: 0.0226,
      retryAfterMs: 84_000_000,
    });
    expect(errorText(error)).toBe(
      'Your budget is used up: this image costs more than it has left ($0.0226 left). There is enough again in 23 h 20 min.',
    );
  });

  it('says there were too many generations and when to try again', () => {
    const error = new RateLimitError({
      status: 429,
      message: 'Too many generations: at most 10 per 60000 ms',
      errorType: 'rate_limited',
      retryAfterMs: 11_200,
    });
    expect(errorText(error)).toBe('Too many generations in a minute. Try again in 12 s.');
  });

  it("keeps any other error's own message", () => {
    const provider = new RateLimitError({ status: 429, message: 'Provider busy' });
    expect(errorText(provider)).toBe('Provider busy');
    const timeout = new TimeoutError('total', 60_000);
    expect(errorText(timeout)).toBe(timeout.message);
  });
});
