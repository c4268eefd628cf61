import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import { StreamError } from '../errors/stream-errors';
import { AbortError } from '../errors/transport-errors';
import {
  chunkedBody,
  controlledBody,
  fakeFetch,
  jsonResponse,
  sseData,
  sseResponse,
} from '../test-utils/fake-fetch';
import { finalPng, imagesEvent, imagesUsage, secondPng } from '../test-utils/images-wire-examples';
import { recordedSunsetReads, recordedSunsetResponse } from '../test-utils/recorded-stream';
import { chunkExamples, errorExamples } from '../test-utils/wire-examples';
import { type GenerationSnapshot, GenerationStore } from './generation-store';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

/** Records every published snapshot. */
function watch(store: GenerationStore) {
  const seen: GenerationSnapshot[] = [];
  const unsubscribe = store.subscribe(() => seen.push(store.getSnapshot()));
  return { seen, unsubscribe };
}

afterEach(() => {
  vi.useRealTimers();
});

/** A store whose first run's body stays open until the test pushes to it; later runs stream whole. */
function firstRunHeldOpen() {
  const first = controlledBody();
  const fetch = fakeFetch((_, n) =>
    n === 0 ? sseResponse(first.stream) : sseResponse(chunkedBody(recordedSunsetReads())),
  );
  const onFinish = vi.fn();
  const store = new GenerationStore(createLunosImageClient({ fetch }), { onFinish });
  return { first, onFinish, store };
}

describe('GenerationStore', () => {
  it('goes idle, submitted, processing, streaming, success for the recorded stream', async () => {
    const reads = recordedSunsetReads();
    const fetch = fakeFetch(() => sseResponse(chunkedBody(reads)));
    const store = new GenerationStore(createLunosImageClient({ fetch }));
    expect(store.getSnapshot().status).toBe('idle');
    const { seen } = watch(store);
    const result = await store.generateAsync(vars);
    const statuses = seen.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['submitted', 'processing', 'streaming', 'success']);
    const last = store.getSnapshot();
    expect(last).toMatchObject({
      status: 'success',
      runId: 1,
      text: 'Here is your sunset! ',
      finishReason: 'stop',
    });
    expect(last.images).toHaveLength(1);
    expect(last.usage?.cost).toBe(0.0387036);
    expect(last.result).toBe(result);
    // One notification per network read that changed something, plus submitted and success.
    expect(seen.length).toBeLessThanOrEqual(reads.length + 2);
  });

  it('keeps the snapshot identity when nothing changed', async () => {
    const fetch = fakeFetch(() => sseResponse(chunkedBody(recordedSunsetReads())));
    const store = new GenerationStore(createLunosImageClient({ fetch }));
    const a = store.getSnapshot();
    expect(store.getSnapshot()).toBe(a);
    await store.generateAsync(vars);
    const b = store.getSnapshot();
    expect(store.getSnapshot()).toBe(b);
    expect(Object.isFrozen(b)).toBe(true);
    expect(store.getServerSnapshot().status).toBe('idle');
  });

  it('a second generate supersedes the first, which ends as superseded and never writes again', async () => {
    const { first, onFinish, store } = firstRunHeldOpen();
    const a = store.generateAsync({ ...vars, prompt: 'first' });
    first.push(sseData(chunkExamples.caption));
    await vi.waitFor(() => expect(store.getSnapshot().text).toBe('Here is your sunset! '));
    const b = store.generateAsync({ ...vars, prompt: 'second' });
    await expect(a).rejects.toBeInstanceOf(AbortError);
    expect(onFinish).toHaveBeenCalledWith(
      expect.objectContaining({
        reason: 'superseded',
        runId: 1,
        variables: { ...vars, prompt: 'first' },
      }),
    );
    const writes: GenerationSnapshot[] = [];
    store.subscribe(() => writes.push(store.getSnapshot()));
    await b;
    expect(writes.every((s) => s.runId === 2)).toBe(true);
    expect(store.getSnapshot()).toMatchObject({
      status: 'success',
      runId: 2,
      variables: { prompt: 'second' },
    });
    await first.cancelled;
  });

  it('generate returns the run id; onFinish tells a superseded run apart, with its own bytes and time', async () => {
    const { first, onFinish, store } = firstRunHeldOpen();
    expect(store.generate(vars)).toBe(1);
    first.push(sseData(chunkExamples.caption));
    await vi.waitFor(() => expect(store.getSnapshot().bytesReceived).toBeGreaterThan(0));
    const firstBytes = store.getSnapshot().bytesReceived;
    expect(store.generate(vars)).toBe(2);
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({
      reason: 'superseded',
      runId: 1,
      bytesReceived: firstBytes,
      result: undefined,
    });
    expect(onFinish.mock.calls[0]?.[0].error).toBeInstanceOf(AbortError);
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('success'));
    expect(onFinish.mock.calls[1]?.[0]).toMatchObject({ reason: 'completed', runId: 2 });
    expect(onFinish.mock.calls[1]?.[0].bytesReceived).toBe(store.getSnapshot().bytesReceived);
    expect(onFinish.mock.calls[1]?.[0].elapsedMs).toBeGreaterThanOrEqual(0);
    // reset() keeps counting.
    store.reset();
    expect(store.generate(vars)).toBe(3);
    store.stop();
    expect(onFinish.mock.calls[2]?.[0]).toMatchObject({ reason: 'aborted', runId: 3 });
    await first.cancelled;
  });

  it('stop mid-stream ends in aborted and no late event arrives', async () => {
    const body = controlledBody();
    const fetch = fakeFetch(() => sseResponse(body.stream));
    const onFinish = vi.fn();
    const store = new GenerationStore(createLunosImageClient({ fetch }), { onFinish });
    const run = store.generateAsync(vars).catch((e) => e);
    body.push(sseData(chunkExamples.caption));
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('streaming'));
    store.stop();
    expect(store.getSnapshot().status).toBe('aborted');
    const frozen = store.getSnapshot();
    const late = vi.fn();
    store.subscribe(late);
    try {
      body.push(sseData(chunkExamples.caption));
    } catch {
      // The body may already be cancelled.
    }
    expect(AbortError.isInstance(await run)).toBe(true);
    await body.cancelled;
    expect(late).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toBe(frozen);
    expect(onFinish).toHaveBeenCalledWith(expect.objectContaining({ reason: 'aborted' }));
  });

  it('a non-streamed answer goes from submitted straight to success', async () => {
    const fetch = fakeFetch(() => jsonResponse(recordedSunsetResponse()));
    const store = new GenerationStore(createLunosImageClient({ fetch }), { stream: false });
    const { seen } = watch(store);
    await store.generateAsync(vars);
    expect(seen.map((s) => s.status)).toEqual(['submitted', 'success']);
    expect(JSON.parse(fetch.calls[0]?.body ?? '').stream).toBe(false);
  });

  it('puts typed errors in state and reports them once', async () => {
    const fetch = fakeFetch(() => jsonResponse(errorExamples.noCredits, 402));
    const onError = vi.fn();
    const store = new GenerationStore(createLunosImageClient({ fetch }), { onError });
    await store.generateAsync(vars).catch(() => {});
    const s = store.getSnapshot();
    expect(s.status).toBe('error');
    expect(s.error?.name).toBe('PaymentRequiredError');
    expect(onError).toHaveBeenCalledTimes(1);
    store.reset();
    expect(store.getSnapshot()).toMatchObject({ status: 'idle', runId: 1, error: undefined });
  });

  it('throttles published snapshots while streaming, never the final one', async () => {
    vi.useFakeTimers();
    const body = controlledBody();
    const fetch = fakeFetch(() => sseResponse(body.stream));
    const store = new GenerationStore(createLunosImageClient({ fetch }), { throttleMs: 50 });
    const { seen } = watch(store);
    const run = store.generateAsync(vars);
    for (let i = 0; i < 100; i++) {
      body.push(
        sseData({ ...chunkExamples.caption, choices: [{ index: 0, delta: { content: 'x' } }] }),
      );
      await vi.advanceTimersByTimeAsync(5);
    }
    for (const read of recordedSunsetReads().slice(3)) body.push(read);
    await vi.advanceTimersByTimeAsync(0);
    await run;
    // 500 ms of deltas at one snapshot per 50 ms, plus submitted and the final state.
    expect(seen.length).toBeLessThanOrEqual(13);
    expect(store.getSnapshot().text).toBe('x'.repeat(100));
    expect(store.getSnapshot().status).toBe('success');
  });

  it('stops a run one tick after its last subscriber left, not during a resubscribe', async () => {
    vi.useFakeTimers();
    const body = controlledBody();
    const fetch = fakeFetch(() => sseResponse(body.stream));
    const store = new GenerationStore(createLunosImageClient({ fetch }));
    const first = store.subscribe(() => {});
    const run = store.generateAsync(vars).catch((e) => e);
    await vi.advanceTimersByTimeAsync(0);
    first();
    const second = store.subscribe(() => {}); // StrictMode remount
    await vi.advanceTimersByTimeAsync(10);
    expect(store.running).toBe(true);
    second();
    await vi.advanceTimersByTimeAsync(1);
    expect(store.getSnapshot().status).toBe('aborted');
    expect(AbortError.isInstance(await run)).toBe(true);
  });

  describe('slots of an n-image Images API run', () => {
    const images = {
      model: 'openai/gpt-image-1',
      prompt: 'a lighthouse',
      api: 'images',
      n: 3,
    } as const;
    const openrouter = (fetch: typeof globalThis.fetch) =>
      createLunosImageClient({ dialect: 'openrouter', apiKey: 'sk-or-v1-test', fetch });
    const statuses = (s: GenerationSnapshot) => s.slots.map((slot) => slot.status);

    it('one failed image of n: the others are kept, the run succeeds, the slot has its error', async () => {
      const fetch = fakeFetch(() =>
        sseResponse(
          chunkedBody([
            sseData(imagesEvent.partial(0)),
            sseData(imagesEvent.completed(finalPng, { ...imagesUsage, cost: 0.04 })),
            sseData(imagesEvent.error),
            'data: [DONE]\n\n',
          ]),
        ),
      );
      const store = new GenerationStore(openrouter(fetch));
      const { seen } = watch(store);
      const result = await store.generateAsync(images);
      expect(statuses(seen[0]!)).toEqual(['waiting', 'waiting', 'waiting']);
      expect(seen.map(statuses)).toContainEqual(['previewing', 'waiting', 'waiting']);
      const last = store.getSnapshot();
      expect(last).toMatchObject({ status: 'success', error: undefined });
      expect(last.images.map((i) => i.base64)).toEqual([finalPng]);
      expect(statuses(last)).toEqual(['done', 'failed', 'not-made']);
      expect(last.slots[0]).toMatchObject({ image: result.images[0], cost: 0.04 });
      expect(last.slots[1]?.error).toBeInstanceOf(StreamError);
      expect(last.usage?.cost).toBe(0.04);
    });

    it('fewer images than n: the slots without one are not made', async () => {
      const fetch = fakeFetch(() =>
        jsonResponse({
          data: [{ b64_json: finalPng }, { b64_json: secondPng }],
          usage: imagesUsage,
        }),
      );
      const store = new GenerationStore(openrouter(fetch), { stream: false });
      await store.generateAsync(images);
      expect(statuses(store.getSnapshot())).toEqual(['done', 'done', 'not-made']);
    });

    it('a stopped run leaves its slots without an image stopped; a failed one, failed with its error', async () => {
      const body = controlledBody();
      const fetch = fakeFetch((_, n) =>
        n === 0
          ? sseResponse(body.stream)
          : sseResponse(`${sseData(imagesEvent.error)}data: [DONE]\n\n`),
      );
      const store = new GenerationStore(openrouter(fetch));
      const run = store.generateAsync(images).catch((e: unknown) => e);
      body.push(sseData(imagesEvent.completed(finalPng)));
      await vi.waitFor(() => expect(statuses(store.getSnapshot())[0]).toBe('done'));
      store.stop();
      expect(statuses(store.getSnapshot())).toEqual(['done', 'stopped', 'stopped']);
      expect(AbortError.isInstance(await run)).toBe(true);
      await body.cancelled;

      const error = await store.generateAsync(images).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamError);
      expect(statuses(store.getSnapshot())).toEqual(['failed', 'failed', 'failed']);
      expect(store.getSnapshot().slots.every((slot) => slot.error === error)).toBe(true);
    });
  });
});
