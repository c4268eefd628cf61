import { RateLimitError } from '@lunos-image/core';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setupMockApi } from './test-utils/mock-api';
import { useImageGeneration } from './use-image-generation';

const api = await setupMockApi();
const SUNSET = 'chat/sunset-stream';

/** A route handler with `limits.spend` as the client sees it: the budget left, then a 429. */
function budgetedFetch(): typeof globalThis.fetch {
  let calls = 0;
  return async (input, init) => {
    if (calls++ === 0) {
      const answer = await fetch(input, init);
      const headers = new Headers(answer.headers);
      headers.set('x-lunos-budget-remaining', '0.0113');
      return new Response(answer.body, { status: answer.status, headers });
    }
    const refusal = {
      error: {
        code: 429,
        message: 'This generation would pass the budget',
        metadata: { error_type: 'budget_exceeded', remaining_usd: 0.0042, retry_after_ms: 5_000 },
      },
    };
    return new Response(JSON.stringify(refusal), {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '5' },
    });
  };
}

describe('useImageGeneration: budget', () => {
  it('exposes the budget left from the answer, and from a 429 budget_exceeded', async () => {
    const client = api.clientFor(SUNSET, { fetch: budgetedFetch() });
    const { result } = renderHook(() => useImageGeneration({ client }));
    expect(result.current.budget).toBeUndefined();
    api.mock.next({ fixture: SUNSET });
    result.current.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.budget).toBe(0.0113);

    result.current.generate(api.variablesOf(SUNSET));
    await waitFor(() => expect(result.current.status).toBe('error'));
    const error = result.current.error;
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      errorType: 'budget_exceeded',
      remainingUsd: 0.0042,
      retryAfterMs: 5_000,
    });
    // What the refusal says is left (spending elsewhere may have used some since).
    expect(result.current.budget).toBe(0.0042);
  });
});
