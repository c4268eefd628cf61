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

  it('shows initialData as success without a request, and mount seeds the cache', () => {
    const { query, fetch } = setup();
    const observer = new ModelsObserver<string[]>(query);
    const initialData = [{ id: 'seed/model' } as ImageModel];
    const options = { enabled: false, initialData, select: ids };
    const result = observer.resultOf(query.getSnapshot(), options);
    expect(result).toMatchObject({ status: 'success', models: ['seed/model'] });
    observer.setOptions(options);
    observer.mount();
    expect(query.getSnapshot().models).toBe(initialData);
    expect(fetch.calls).toHaveLength(0);
  });

  it('fetches on mount and runs select once per list and function', async () => {
    const { query } = setup();
    const observer = new ModelsObserver<string[]>(query);
    let calls = 0;
    const select = (models: readonly ImageModel[]) => {
      calls += 1;
      return ids(models);
    };
    observer.setOptions({ select });
    observer.mount();
    await query.fetch();
    const a = observer.resultOf(query.getSnapshot(), { select });
    const b = observer.resultOf(query.getSnapshot(), { select });
    expect(a.models).toEqual(ids(query.getSnapshot().models ?? []));
    expect(a.models).toHaveLength(1);
    expect(b.models).toBe(a.models);
    expect(calls).toBe(1);
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
