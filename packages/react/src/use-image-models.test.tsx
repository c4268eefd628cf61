import { type ImageModel, InternalServerError } from '@lunos-image/core';
import { modelsStoreOf } from '@lunos-image/core/adapter';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LunosImageProvider } from './lunos-image-provider';
import { manualClock } from './test-utils/manual-clock';
import { setupMockApi } from './test-utils/mock-api';
import { type UseImageModelsOptions, useImageModels } from './use-image-models';

const clock = manualClock();
const api = await setupMockApi({ clock });
const modelCalls = () => api.mock.calls.filter((call) => call.route === 'models');

const ids = (models: readonly ImageModel[]) => models.map((model) => model.id);

function ModelList(props: { label: string; output?: ('image' | 'text')[] }) {
  const { models, status } = useImageModels(props.output ? { output: props.output } : undefined);
  return (
    <p data-testid={props.label}>
      {status}: {models?.length ?? 0}
    </p>
  );
}

const seedModel: ImageModel = {
  id: 'seed/model',
  name: 'Seed Model',
  provider: 'seed',
  inputModalities: ['text'],
  outputModalities: ['image'],
  pricing: {},
  supportedParameters: [],
  contextLength: undefined,
  raw: {},
};

describe('useImageModels', () => {
  it('lists the image models the server filtered, image-only ones included', async () => {
    const client = api.client('lunos');
    const { result, rerender } = renderHook(() => useImageModels(undefined, { client }));
    expect(result.current).toMatchObject({ status: 'loading', isLoading: true, models: undefined });
    await waitFor(() => expect(result.current.status).toBe('success'));
    const list = ids(result.current.models ?? []);
    // Lunos lists image models under their openrouter/ ids.
    expect(list).toContain('openrouter/black-forest-labs/flux.2-pro');
    expect(list).toContain('openrouter/google/gemini-2.5-flash-image');
    expect(list).not.toContain('openai/gpt-5.4-nano');
    expect(result.current).toMatchObject({ isLoading: false, isFetching: false, error: undefined });
    const [call] = modelCalls();
    expect(new URL(call!.url).search).toContain('image');
    rerender();
    expect(modelCalls()).toHaveLength(1);
  });

  it('two components asking for the same filters share one request and one cache entry', async () => {
    const client = api.client('openrouter');
    render(
      <LunosImageProvider client={client}>
        <ModelList label="a" />
        <ModelList label="b" output={['image']} />
      </LunosImageProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('a').textContent).toMatch(/^success: [1-9]/));
    expect(screen.getByTestId('b').textContent).toBe(screen.getByTestId('a').textContent);
    expect(modelCalls()).toHaveLength(1);
  });

  it('select derives the value, once per list for a stable function', async () => {
    const client = api.client('lunos');
    const select = vi.fn((models: readonly ImageModel[]) =>
      models.filter((m) => !m.outputModalities.includes('text')).map((m) => m.id),
    );
    const { result, rerender } = renderHook(() => useImageModels(undefined, { client, select }));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.models).toContain('openrouter/black-forest-labs/flux.2-pro');
    expect(result.current.models).not.toContain('openrouter/google/gemini-2.5-flash-image');
    const first = result.current.models;
    rerender();
    expect(result.current.models).toBe(first);
    expect(select).toHaveBeenCalledTimes(1);
  });

  it('enabled: false sends nothing until enabled', async () => {
    const client = api.client('lunos');
    const { result, rerender } = renderHook(
      (props: UseImageModelsOptions<readonly ImageModel[]>) => useImageModels(undefined, props),
      { initialProps: { client, enabled: false } },
    );
    expect(result.current).toMatchObject({ status: 'idle', isLoading: false, models: undefined });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(modelCalls()).toHaveLength(0);
    rerender({ client, enabled: true });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(modelCalls()).toHaveLength(1);
  });

  it('initialData is shown at once and, while fresh, not fetched again', async () => {
    const client = api.client('lunos');
    const { result } = renderHook(() =>
      useImageModels(undefined, { client, initialData: [seedModel] }),
    );
    expect(result.current).toMatchObject({ status: 'success', models: [seedModel] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(modelCalls()).toHaveLength(0);
    // It seeded the shared cache: another component sees it without a request.
    expect(modelsStoreOf(client).query().getSnapshot().models).toEqual([seedModel]);
  });

  it('stale initialData is shown, then replaced by the fetched list', async () => {
    const client = api.client('lunos');
    const { result } = renderHook(() =>
      useImageModels(undefined, { client, initialData: [seedModel], initialDataUpdatedAt: 1 }),
    );
    expect(result.current.models).toEqual([seedModel]);
    await waitFor(() => expect(result.current.models).not.toEqual([seedModel]));
    expect(result.current.status).toBe('success');
    expect(modelCalls()).toHaveLength(1);
  });

  it('an error goes to `error`; refetch() recovers and never rejects', async () => {
    const client = api.client('lunos');
    api.mock.next({ route: 'models', faults: [{ type: 'http-error', status: 500 }] });
    const { result } = renderHook(() => useImageModels(undefined, { client }));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(InternalServerError.isInstance(result.current.error)).toBe(true);
    const outcome = await result.current.refetch();
    expect(outcome.error).toBeUndefined();
    expect(outcome.models?.length).toBeGreaterThan(0);
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.error).toBeUndefined();
  });

  it('a list that failed is asked for again when another component mounts', async () => {
    const client = api.client('lunos');
    api.mock.next({ route: 'models', faults: [{ type: 'http-error', status: 503 }] });
    const first = renderHook(() => useImageModels(undefined, { client }));
    await waitFor(() => expect(first.result.current.status).toBe('error'));
    const second = renderHook(() => useImageModels(undefined, { client }));
    await waitFor(() => expect(second.result.current.status).toBe('success'));
    expect(first.result.current.status).toBe('success');
    expect(modelCalls()).toHaveLength(2);
  });

  it('other filters are another cache entry and another request', async () => {
    const client = api.client('openrouter');
    const { result, rerender } = renderHook(
      (filters: { input?: ('text' | 'image')[] }) => useImageModels(filters, { client }),
      { initialProps: {} },
    );
    await waitFor(() => expect(result.current.status).toBe('success'));
    const textIn = result.current.models;
    rerender({ input: ['image'] });
    await waitFor(() => expect(result.current.models).not.toBe(textIn));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(modelCalls().map((call) => new URL(call.url).search)).toHaveLength(2);
    expect(result.current.models?.every((m) => m.inputModalities.includes('image'))).toBe(true);
  });

  it('unmounting aborts a request no other component waits for', async () => {
    const client = api.client('lunos');
    // The answer never comes: only an abort ends this request.
    api.mock.next({ route: 'models', faults: [{ type: 'stall' }] });
    const { result, unmount } = renderHook(() => useImageModels(undefined, { client }));
    await waitFor(() => expect(result.current.isFetching).toBe(true));
    const query = modelsStoreOf(client).query();
    unmount();
    await vi.waitFor(() => expect(query.getSnapshot().isFetching).toBe(false));
    expect(query.getSnapshot()).toMatchObject({ status: 'idle', models: undefined });
  });

  it('a request another component still waits for survives one unmount', async () => {
    const client = api.client('lunos');
    // Recorded timing on the manual clock: the answer waits until the test moves time.
    api.mock.next({ route: 'models', timing: 'realtime' });
    const first = renderHook(() => useImageModels(undefined, { client }));
    const second = renderHook(() => useImageModels(undefined, { client }));
    await waitFor(() => expect(first.result.current.isFetching).toBe(true));
    first.unmount();
    await clock.until(() => second.result.current.status === 'success');
    expect(modelCalls()).toHaveLength(1);
  });

  it('StrictMode mounts once as far as the network can tell', async () => {
    const client = api.client('openrouter');
    const { result } = renderHook(() => useImageModels(undefined, { client }), {
      reactStrictMode: true,
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(modelCalls()).toHaveLength(1);
  });
});
