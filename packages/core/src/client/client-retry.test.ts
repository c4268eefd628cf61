import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimitError } from '../errors/api-error';
import { StreamTruncatedError } from '../errors/stream-errors';
import { AbortError, ConnectionError } from '../errors/transport-errors';
import { chunkedBody, fakeFetch, jsonResponse, sseResponse } from '../test-utils/fake-fetch';
import { recordedSunsetReads, recordedSunsetResponse } from '../test-utils/recorded-stream';
import { errorExamples } from '../test-utils/wire-examples';
import { createLunosImageClient } from './create-lunos-image-client';
import { retryDelayMs } from './send-with-retry';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };
const rateLimited = (headers: Record<string, string>) =>
  jsonResponse({ error: { code: 429, message: 'Rate limited' } }, 429, headers);

/** Lets pending promise callbacks run without moving the fake clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

// The client loads its generation code (and an error answer's reader) by import() when first
// needed; that load takes real time, which the fake clock below does not move. Loaded here
// first, so each test times only the requests.
beforeAll(async () => {
  await import('./generation-run');
  await import('../errors/create-api-error');
});

describe('retries', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('429 then success: waits exactly Retry-After seconds, then sends again', async () => {
    const fetch = fakeFetch((_, n) =>
      n === 0 ? rateLimited({ 'retry-after': '3' }) : jsonResponse(recordedSunsetResponse()),
    );
    const client = createLunosImageClient({ fetch });
    const result = client.generateImage(vars);
    await flush();
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2999);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.calls).toHaveLength(2);
    expect((await result).text).toBe('Here is your sunset! ');
    expect(fetch.calls[1]?.body).toBe(fetch.calls[0]?.body);
  });

  it.each([
    [{ 'retry-after-ms': '1500' }, undefined, 1500],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, undefined, 5000],
    [{}, errorExamples.rateLimited, 16_000],
    [{ 'retry-after': '600' }, undefined, 60_000],
  ])('honours %j / body retry hints (waits %#)', async (headers, body, waitMs) => {
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const fetch = fakeFetch((_, n) =>
      n === 0
        ? jsonResponse(body ?? { error: { code: 429, message: 'x' } }, 429, headers)
        : jsonResponse(recordedSunsetResponse()),
    );
    const result = createLunosImageClient({ fetch }).generateImage(vars);
    await vi.advanceTimersByTimeAsync(waitMs - 1);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.calls).toHaveLength(2);
    await result;
  });

  it('backs off exponentially with jitter when the server gives no hint', () => {
    expect(retryDelayMs(0, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(1000);
    expect(retryDelayMs(2, undefined, () => 1)).toBe(1500);
    expect(retryDelayMs(10, undefined, () => 0)).toBe(8000);
  });

  it('gives up after maxRetries with the last error', async () => {
    const fetch = fakeFetch(() => rateLimited({ 'retry-after': '1' }));
    const result = createLunosImageClient({ fetch, maxRetries: 2 })
      .generateImage(vars)
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await result;
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(3);
  });

  it('does not retry 4xx other than 408/409/429', async () => {
    const fetch = fakeFetch(() => jsonResponse(errorExamples.noCredits, 402));
    await createLunosImageClient({ fetch })
      .generateImage(vars)
      .catch(() => {});
    expect(fetch.calls).toHaveLength(1);
  });

  it('retries a connection error that happened before any answer', async () => {
    const fetch = fakeFetch((_, n) =>
      n === 0
        ? Promise.reject(new TypeError('fetch failed'))
        : jsonResponse(recordedSunsetResponse()),
    );
    const result = createLunosImageClient({ fetch }).generateImage(vars);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await result).images).toHaveLength(1);
    expect(fetch.calls).toHaveLength(2);
  });

  it('reports a connection error that outlasts the retries as ConnectionError', async () => {
    const fetch = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const result = createLunosImageClient({ fetch, maxRetries: 1 })
      .generateImage(vars)
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await result;
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error.message).toBe('The request failed: fetch failed');
  });

  it('never sends a generation again once its answer started', async () => {
    const reads = recordedSunsetReads();
    const fetch = fakeFetch(() =>
      sseResponse(chunkedBody(reads.slice(0, 3), new TypeError('terminated'))),
    );
    const error = await createLunosImageClient({ fetch })
      .generateImage(vars)
      .catch((e) => e);
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('dropped');
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(fetch.calls).toHaveLength(1);
  });

  it('abort during the backoff wait ends it at once, with the caller reason', async () => {
    const fetch = fakeFetch(() => rateLimited({ 'retry-after': '30' }));
    const controller = new AbortController();
    const result = createLunosImageClient({ fetch })
      .generateImage(vars, { signal: controller.signal })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(1000);
    const reason = new Error('user left');
    controller.abort(reason);
    const error = await result;
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.reason).toBe(reason);
    expect(fetch.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
