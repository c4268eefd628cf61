import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';
import { lunosImageModelExample } from '../test-utils/wire-examples';
import { DEFAULT_MODELS_GC_TIME_MS, modelsStoreOf } from './models-store';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const fetch = fakeFetch(async () => {
    await gate;
    return jsonResponse([lunosImageModelExample]);
  });
  const client = createLunosImageClient({ fetch });
  return { fetch, client, release, store: modelsStoreOf(client) };
}

describe('ModelsStore', () => {
  it('shares one request and one cache entry between consumers of the same filters', async () => {
    const { fetch, store, release, client } = setup();
    expect(modelsStoreOf(client)).toBe(store);
    const a = store.query({});
    const b = store.query({ output: ['image'], input: ['text'] });
    expect(a).toBe(b);
    a.ensure();
    b.ensure();
    expect(a.getSnapshot()).toMatchObject({ status: 'loading', isFetching: true });
    release();
    await a.fetch();
    expect(fetch.calls).toHaveLength(1);
    expect(a.getSnapshot()).toMatchObject({ status: 'success', isFetching: false });
    expect(a.getSnapshot().models?.[0]?.id).toBe('openrouter/google/gemini-2.5-flash-image');
    expect(store.query({ input: ['text', 'image'] })).not.toBe(a);
  });

  it('does not fetch fresh data again before staleTime', async () => {
    vi.useFakeTimers();
    const { fetch, store, release } = setup();
    release();
    const q = store.query();
    await q.fetch();
    q.ensure({ staleTime: 1000 });
    expect(fetch.calls).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    q.ensure({ staleTime: 1000 });
    expect(q.getSnapshot().isFetching).toBe(true);
    await q.fetch();
    expect(fetch.calls).toHaveLength(2);
  });

  it('renders initialData without a request, server side too', () => {
    const { fetch, store } = setup();
    const q = store.query();
    q.ensure({ initialData: [], staleTime: 60_000 });
    expect(q.getServerSnapshot()).toMatchObject({ status: 'success', models: [] });
    expect(fetch.calls).toHaveLength(0);
  });

  it('aborts a request nobody waits for any more, a tick after the last subscriber left', async () => {
    vi.useFakeTimers();
    const { fetch, store } = setup();
    const q = store.query();
    const unsubscribe = q.subscribe(() => {});
    const pending = q.fetch().catch((e) => e);
    unsubscribe();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.calls[0]?.signal?.aborted).toBe(true);
    expect((await pending).name).toBe('AbortError');
    expect(q.getSnapshot()).toMatchObject({ status: 'idle', isFetching: false });
  });

  it('keeps an error until refetch or the next ensure', async () => {
    const fetch = fakeFetch((_, n) =>
      n === 0
        ? jsonResponse({ error: { code: 500, message: 'down' } }, 500)
        : jsonResponse([lunosImageModelExample]),
    );
    const q = modelsStoreOf(createLunosImageClient({ fetch, maxRetries: 0 })).query();
    await q.fetch().catch(() => {});
    expect(q.getSnapshot().error?.name).toBe('InternalServerError');
    expect(q.getSnapshot()).toBe(q.getSnapshot());
    q.ensure();
    expect(q.getSnapshot()).toMatchObject({ status: 'loading', isFetching: true });
    await q.fetch();
    expect(fetch.calls).toHaveLength(2);
    expect(q.getSnapshot()).toMatchObject({ status: 'success', error: undefined });
  });

  it('drops an entry no one watched for gcTimeMs; watched again before that, it survives', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(() => jsonResponse([lunosImageModelExample]));
    const store = modelsStoreOf(createLunosImageClient({ fetch }));
    const query = store.query();
    query.setGcTimeMs(1000);
    let stop = query.subscribe(() => {});
    await query.fetch();
    stop();
    // A tick for "unobserved", then 998 ms of the 1000: still cached, and watched again.
    await vi.advanceTimersByTimeAsync(999);
    expect(store.query()).toBe(query);
    stop = query.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.query()).toBe(query);
    query.ensure();
    expect(fetch.calls).toHaveLength(1);
    // Unwatched past its gcTimeMs: gone, and asking again fetches anew.
    stop();
    await vi.advanceTimersByTimeAsync(1001);
    const again = store.query();
    expect(again).not.toBe(query);
    expect(again.getSnapshot().status).toBe('idle');
    const stopAgain = again.subscribe(() => {});
    again.ensure();
    await again.fetch();
    expect(fetch.calls).toHaveLength(2);
    expect(again.getSnapshot().status).toBe('success');
    stopAgain();
  });

  it('drops a query made but never watched after the default gcTimeMs (1 hour)', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(() => jsonResponse([lunosImageModelExample]));
    const store = modelsStoreOf(createLunosImageClient({ fetch }));
    const query = store.query();
    expect(query.gcTimeMs).toBe(DEFAULT_MODELS_GC_TIME_MS);
    expect(DEFAULT_MODELS_GC_TIME_MS).toBe(60 * 60_000);
    await vi.advanceTimersByTimeAsync(DEFAULT_MODELS_GC_TIME_MS - 1);
    expect(store.query()).toBe(query);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.query()).not.toBe(query);
  });
});
