import { describe, expect, it } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import type { ImageModel } from '../models/image-model';
import { modelsStoreOf } from '../store/models-store';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';
import { lunosImageModelExample } from '../test-utils/wire-examples';
import { ModelsObserver } from './models-observer';

function setup(respond = () => jsonResponse([lunosImageModelExample])) {
  const fetch = fakeFetch(async () => respond());
  const client = createLunosImageClient({ fetch });
  return { fetch, query: modelsStoreOf(client).query() };
}

const ids = (models: readonly ImageModel[]) => models.map((m) => m.id);

describe('ModelsObserver', () => {
  it('shows loading before the first list when enabled, idle when disabled', () => {
    const { query } = setup();
    const observer = new ModelsObserver(query);
    expect(observer.resultOf(query.getSnapshot(), {}).status).toBe('loading');
    expect(observer.resultOf(query.getSnapshot(), {}).isLoading).toBe(true);
    expect(observer.resultOf(query.getSnapshot(), { enabled: false }).status).toBe('idle');
  });

  it('shows initialData as success without a request, and a subscriber seeds the cache', () => {
    const { query, fetch } = setup();
    const observer = new ModelsObserver<string[]>(query);
    const initialData = [{ id: 'seed/model' } as ImageModel];
    const options = { enabled: false, initialData, select: ids };
    const result = observer.resultOf(query.getSnapshot(), options);
    expect(result).toMatchObject({ status: 'success', models: ['seed/model'] });
    observer.setOptions(options);
    const stop = observer.subscribe(() => {});
    expect(query.getSnapshot().models).toBe(initialData);
    stop();
    expect(fetch.calls).toHaveLength(0);
  });

  it('fetches for its first subscriber and runs select once per list and function', async () => {
    const { query } = setup();
    const observer = new ModelsObserver<string[]>(query);
    let calls = 0;
    const select = (models: readonly ImageModel[]) => {
      calls += 1;
      return ids(models);
    };
    observer.setOptions({ select });
    const stop = observer.subscribe(() => {});
    await query.fetch();
    stop();
    const a = observer.resultOf(query.getSnapshot(), { select });
    const b = observer.resultOf(query.getSnapshot(), { select });
    expect(a.models).toEqual(ids(query.getSnapshot().models ?? []));
    expect(a.models).toHaveLength(1);
    expect(b.models).toBe(a.models);
    expect(calls).toBe(1);
  });

  it('is a Subscribable: notifies on the query’s changes, and asks again when enabled', async () => {
    const { query, fetch } = setup();
    const observer = new ModelsObserver(query, { enabled: false });
    let calls = 0;
    const stop = observer.subscribe(() => {
      calls += 1;
    });
    expect(query.observed).toBe(true);
    expect(fetch.calls).toHaveLength(0);
    observer.setOptions({ enabled: true });
    expect(fetch.calls).toHaveLength(1);
    await query.fetch();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(observer.getSnapshot()).toBe(query.getSnapshot());
    expect(observer.resultOf(observer.getSnapshot()).status).toBe('success');
    // The same options again start nothing.
    observer.setOptions({ enabled: true });
    expect(fetch.calls).toHaveLength(1);
    stop();
    expect(query.observed).toBe(false);
  });

  it('hands its gcTimeMs to the query; the longest asked for wins', () => {
    const { query } = setup();
    const short = new ModelsObserver(query, { enabled: false, gcTimeMs: 1000 });
    short.subscribe(() => {})();
    expect(query.gcTimeMs).toBe(1000);
    const long = new ModelsObserver(query, { enabled: false, gcTimeMs: 5000 });
    long.subscribe(() => {})();
    short.subscribe(() => {})();
    expect(query.gcTimeMs).toBe(5000);
  });

  it('refetch resolves with the selected list, or with the error instead of rejecting', async () => {
    const { query } = setup(() => jsonResponse({ error: { message: 'no' } }, 400));
    const observer = new ModelsObserver<string[]>(query);
    observer.setOptions({ select: ids });
    const failed = await observer.refetch();
    expect(failed.models).toBeUndefined();
    expect(failed.error?.name).toMatch(/Error$/);
  });
});
