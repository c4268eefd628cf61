import { RateLimitError } from '@lunos-image/core';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../connection/connection';
import { describeError } from './describe-error';

const live = { mode: 'live', dialect: 'lunos' } as Connection;

describe("describeError of the route handler's 429s", () => {
  it('says the budget is used up, what is left and when it frees up', () => {
    const error = new RateLimitError({
      status: 429,
      message: 'This generation (up to $0.0387) would pass the budget: $0.0226 of $0.1 left',
      errorType: 'budget_exceeded',
      remainingUsd: 0.0226,
      retryAfterMs: 5_400_000,
    });
    const description = describeError(error, live);
    expect(description).toMatchObject({
      kind: 'budget-exceeded',
      title: 'Budget used up',
      message: 'This generation would cost more than your budget has left ($0.0226).',
      retryAfterMs: 5_400_000,
    });
    expect(description.action).toContain('in 1 h 30 min');
  });

  it("says the visitor's rate is used up and when to try again", () => {
    const error = new RateLimitError({
      status: 429,
      message: 'Too many generations: at most 10 per 60000 ms',
      errorType: 'rate_limited',
      retryAfterMs: 12_000,
    });
    expect(describeError(error, live)).toMatchObject({
      kind: 'rate-limited',
      title: 'Too many generations',
      message:
        'The playground allows a few generations a minute per visitor: the next one in 12.0 s.',
      retryAfterMs: 12_000,
    });
  });

  it("keeps the provider's own 429 as it was", () => {
    const error = new RateLimitError({ status: 429, message: 'slow down', retryAfterMs: 2000 });
    expect(describeError(error, live)).toMatchObject({
      kind: 'rate-limited',
      title: 'Rate limited',
    });
  });
});
