/**
 * The client against the REAL route handler with `limits.spend` (memory store): the budget left
 * as the handler answers it, on the stream, the typed 429 and the store.
 */
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors/api-error';
import { estimateImageCost } from '../models/estimate-image-cost';
import { normalizeModels } from '../models/normalize-models';
import { createLunosImageHandler } from '../server/create-lunos-image-handler';
import { memoryJobStore } from '../server/jobs/memory-job-store';
import { memoryLimitStore } from '../server/limits/memory-limit-store';
import type { LunosImageHandlerOptions } from '../server/lunos-image-handler-options';
import { GenerationStore } from '../store/generation-store';
import {
  chunkedBody,
  fakeFetch,
  jsonResponse,
  sseData,
  sseResponse,
} from '../test-utils/fake-fetch';
import { geminiPricedEntry } from '../test-utils/gemini-priced-entry';
import { finalPng, imagesEvent, imagesUsage, secondPng } from '../test-utils/images-wire-examples';
import { APP } from '../test-utils/job-handler';
import { recordedSunsetReads } from '../test-utils/recorded-stream';
import { createLunosImageClient } from './create-lunos-image-client';

const GEMINI = 'google/gemini-2.5-flash-image';
const DAY_MS = 86_400_000;
const vars = { model: GEMINI, prompt: 'a sunset' };
const catalogue = { data: [geminiPricedEntry] };
/** What the handler reserves for one Gemini image: the estimate the client shows. */
const GEMINI_USD = estimateImageCost(
  normalizeModels('openrouter', catalogue).find((m) => m.id === GEMINI)!,
  { n: 1 },
) as number;
/** What the recorded sunset stream bills. */
const SUNSET_USD = 0.0387036;

/** A client whose fetch goes straight into a handler with a budget of `usd` per day. */
function budgeted(usd: number, more: Partial<LunosImageHandlerOptions> = {}) {
  const upstream = fakeFetch((call) =>
    new URL(call.url).pathname.endsWith('/models')
      ? jsonResponse(catalogue)
      : sseResponse(chunkedBody(recordedSunsetReads())),
  );
  const handler = createLunosImageHandler({
    apiKey: `sk-or-v1-${'3e4f5a6b'.repeat(8)}`,
    baseURL: 'https://upstream.test/v1',
    fetch: upstream,
    dialect: 'openrouter',
    limits: {
      spend: { key: () => 'user-1', usd, windowMs: DAY_MS },
      store: memoryLimitStore(),
    },
    ...more,
  });
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input), APP).pathname}`);
    return handler(new Request(new URL(String(input), APP), init));
  }) as typeof globalThis.fetch;
  return Object.assign(createLunosImageClient({ baseURL: APP, fetch }), { requests });
}

describe('the client on a route handler with limits.spend', () => {
  it('exposes the budget left after the reservation on the stream', async () => {
    const stream = budgeted(1).streamImage(vars);
    expect(stream.budgetRemainingUsd).toBeUndefined();
    const result = await stream.result();
    expect(result.images).toHaveLength(1);
    expect(stream.budgetRemainingUsd).toBeCloseTo(1 - GEMINI_USD, 9);
  });

  it('reads it from a job answer too', async () => {
    const stream = budgeted(1, { jobs: { store: memoryJobStore() } }).streamImage(vars);
    await stream.result();
    expect(stream.jobId).toBeDefined();
    expect(stream.budgetRemainingUsd).toBeCloseTo(1 - GEMINI_USD, 9);
  });

  it('a 429 budget_exceeded is a RateLimitError with remainingUsd and the exact retryAfterMs, not retried', async () => {
    const client = budgeted(0.05);
    await client.generateImage(vars);
    const error = await client.generateImage(vars).catch((e: unknown) => e);
    // Not retried: the budget frees up over the day, not within a retry's wait.
    expect(client.requests).toEqual([
      'POST /api/lunos/chat/completions',
      'POST /api/lunos/chat/completions',
    ]);
    expect(error).toBeInstanceOf(RateLimitError);
    const refused = error as RateLimitError;
    expect(refused.status).toBe(429);
    expect(refused.errorType).toBe('budget_exceeded');
    expect(refused.remainingUsd).toBeCloseTo(0.05 - SUNSET_USD, 9);
    const metadata = (refused.body as { error: { metadata: { retry_after_ms: number } } }).error
      .metadata;
    // The body's milliseconds, not the header's seconds rounded up.
    expect(refused.retryAfterMs).toBe(metadata.retry_after_ms);
    expect(refused.retryAfterMs).toBeGreaterThan(DAY_MS - 60_000);
    expect(refused.toJSON()).toMatchObject({ remainingUsd: refused.remainingUsd });
  });

  it('the store exposes `budget`: after a run, from a 429, kept across runs and reset', async () => {
    const store = new GenerationStore(budgeted(0.05));
    expect(store.getSnapshot().budget).toBeUndefined();
    await store.generateAsync(vars);
    expect(store.getSnapshot().budget).toBeCloseTo(0.05 - GEMINI_USD, 9);
    await store.generateAsync(vars).catch(() => {});
    const refused = store.getSnapshot();
    expect(refused.status).toBe('error');
    expect(refused.budget).toBeCloseTo(0.05 - SUNSET_USD, 9);
    store.reset();
    expect(store.getSnapshot()).toMatchObject({ status: 'idle', budget: refused.budget });
  });
});

describe('x-lunos-budget-remaining', () => {
  const answered = (value: string | undefined) =>
    createLunosImageClient({
      fetch: fakeFetch(() =>
        sseResponse(
          chunkedBody(recordedSunsetReads()),
          value === undefined ? {} : { 'x-lunos-budget-remaining': value },
        ),
      ),
    });

  it.each([
    ['0', 0],
    [' 2.5 ', 2.5],
    ['', undefined],
    ['abc', undefined],
    ['-1', undefined],
    ['Infinity', undefined],
    ['NaN', undefined],
    [undefined, undefined],
  ])('%j gives %j (a finite number >= 0, else ignored)', async (value, expected) => {
    const stream = answered(value).streamImage(vars);
    await stream.result();
    expect(stream.budgetRemainingUsd).toBe(expected);
  });
});

describe('cost of n images', () => {
  it('each completed slot is counted once: the slots add up to the usage, not to the sum of running totals', async () => {
    const usageAt = (cost: number) => ({ ...imagesUsage, cost });
    const fetch = fakeFetch(() =>
      sseResponse(
        chunkedBody([
          sseData(imagesEvent.completed(finalPng, usageAt(0.04))),
          sseData(imagesEvent.completed(secondPng, usageAt(0.08))),
          sseData(imagesEvent.completed(finalPng, usageAt(0.12))),
          'data: [DONE]\n\n',
        ]),
      ),
    );
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: 'sk-or-v1-t', fetch });
    const store = new GenerationStore(client);
    await store.generateAsync({
      model: 'bytedance-seed/seedream-4.5',
      prompt: 'a fox',
      api: 'images',
      n: 3,
    });
    const { slots, usage } = store.getSnapshot();
    expect(slots.map((slot) => [slot.status, slot.cost])).toEqual([
      ['done', 0.04],
      ['done', 0.04],
      ['done', 0.04],
    ]);
    const total = slots.reduce((sum, slot) => sum + (slot.cost ?? 0), 0);
    expect(total).toBeCloseTo(0.12, 12);
    expect(usage?.cost).toBe(0.12);
  });
});
