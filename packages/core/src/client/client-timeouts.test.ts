import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, TimeoutError } from '../errors/transport-errors';
import { controlledBody, fakeFetch, sseResponse } from '../test-utils/fake-fetch';
import { recordedSunsetReads } from '../test-utils/recorded-stream';
import { createLunosImageClient } from './create-lunos-image-client';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };
const never = () => new Promise<Response>(() => {});

// The client loads its generation code (and an error answer's reader) by import() when first
// needed; that load takes real time, which the fake clock below does not move. Loaded here
// first, so each test times only the requests.
beforeAll(async () => {
  await import('./generation-run');
});

describe('timeouts and aborts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('firstByte: no headers within the limit', async () => {
    const fetch = fakeFetch(never);
    const client = createLunosImageClient({ fetch, timeout: { firstByteMs: 5000 } });
    const result = client.generateImage(vars).catch((e) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await result;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.limit).toBe('firstByte');
    expect(error.message).toBe('Timed out: no answer arrived within 5000 ms (timeout.firstByteMs)');
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
  });

  it('idle: a stream that goes silent; keep-alive comments count as activity', async () => {
    const body = controlledBody();
    const fetch = fakeFetch(() => sseResponse(body.stream));
    const client = createLunosImageClient({ fetch, timeout: { idleMs: 1000 } });
    const result = client.generateImage(vars).catch((e) => e);
    body.push(': OPENROUTER PROCESSING\n\n');
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(900);
      body.push(': OPENROUTER PROCESSING\n\n');
    }
    let settled = false;
    void result.then(() => {
      settled = true;
    });
    // The limit counts from the last read, not from when a timer was armed: 999 ms of silence
    // pass, the 1000th ms fails.
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error.limit).toBe('idle');
    await body.cancelled;
  });

  it('total: a stream that keeps talking but never finishes', async () => {
    const body = controlledBody();
    const fetch = fakeFetch(() => sseResponse(body.stream));
    const client = createLunosImageClient({ fetch, timeout: { totalMs: 3000, idleMs: 1000 } });
    // The keep-alives are scheduled first: at 3000 ms the last one is sent before the limit fires.
    const timer = setInterval(() => body.push(': OPENROUTER PROCESSING\n\n'), 500);
    const result = client.generateImage(vars).catch((e) => e);
    await vi.advanceTimersByTimeAsync(3000);
    clearInterval(timer);
    const error = await result;
    expect(error.limit).toBe('total');
    expect(error.message).toBe(
      'Timed out: the whole request took longer than 3000 ms (timeout.totalMs)',
    );
  });

  it('abort during headers, keeping the caller reason', async () => {
    const fetch = fakeFetch(never);
    const controller = new AbortController();
    const result = createLunosImageClient({ fetch })
      .generateImage(vars, { signal: controller.signal })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort('navigated away');
    const error = await result;
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('navigated away');
    expect(error.message).toBe('Aborted: navigated away');
  });

  it('abort mid-body cancels the body read', async () => {
    const body = controlledBody();
    const fetch = fakeFetch(() => sseResponse(body.stream));
    const controller = new AbortController();
    const stream = createLunosImageClient({ fetch }).streamImage(vars, {
      signal: controller.signal,
    });
    const reads = recordedSunsetReads();
    body.push(reads[0] as string);
    body.push(reads[2] as string);
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.type === 'text-delta') controller.abort(new Error('stop'));
      }
    })().catch((e) => e);
    await vi.advanceTimersByTimeAsync(10);
    const error = await done;
    expect(AbortError.isInstance(error)).toBe(true);
    expect(seen).toEqual(['processing', 'text-delta']);
    await body.cancelled;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted signal never sends', async () => {
    const fetch = fakeFetch(never);
    const error = await createLunosImageClient({ fetch })
      .generateImage(vars, { signal: AbortSignal.abort('no') })
      .catch((e) => e);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });
});
