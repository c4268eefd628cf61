import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { imageModelsQueryOptions } from './image-models-query-options';
import { setupMockApi } from './test-utils/mock-api';

const api = await setupMockApi();
const modelCalls = () => api.mock.calls.filter((call) => call.route === 'models');

function withQueryClient(queryClient: QueryClient) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
}

describe('imageModelsQueryOptions', () => {
  it('gives TanStack Query the image model list, through its own QueryClient', async () => {
    const client = api.client('openrouter');
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { result } = renderHook(() => useQuery(imageModelsQueryOptions(client)), {
      wrapper: withQueryClient(queryClient),
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    const ids = result.current.data?.map((m) => m.id) ?? [];
    expect(ids).toContain('black-forest-labs/flux.2-pro');
    expect(ids.every((id) => !id.includes('gpt-5.4-nano'))).toBe(true);
    expect(modelCalls()).toHaveLength(1);
    expect(
      queryClient.getQueryState(imageModelsQueryOptions(client).queryKey)?.dataUpdatedAt,
    ).toBeGreaterThan(0);
    queryClient.clear();
  });

  it('prefetches outside React (as a server would) and serves the cache to useQuery', async () => {
    const client = api.client('lunos');
    const queryClient = new QueryClient();
    await queryClient.prefetchQuery(imageModelsQueryOptions(client));
    const { result } = renderHook(() => useQuery(imageModelsQueryOptions(client)), {
      wrapper: withQueryClient(queryClient),
    });
    expect(result.current.status).toBe('success');
    expect(modelCalls()).toHaveLength(1);
    queryClient.clear();
  });

  it('equal filters give equal keys, whatever their order; other filters and clients do not', () => {
    const lunos = api.client('lunos');
    const key = (filters?: Parameters<typeof imageModelsQueryOptions>[1]) =>
      JSON.stringify(imageModelsQueryOptions(lunos, filters).queryKey);
    expect(key()).toBe(key({ input: ['text'], output: ['image'] }));
    expect(key({ input: ['image', 'text'] })).toBe(key({ input: ['text', 'image'] }));
    expect(key({ input: ['image'] })).not.toBe(key());
    expect(JSON.stringify(imageModelsQueryOptions(api.client('openrouter')).queryKey)).not.toBe(
      key(),
    );
    expect(imageModelsQueryOptions(lunos).queryKey).toEqual([
      'lunos-image',
      'models',
      {
        baseURL: 'https://api.lunos.tech/v1',
        dialect: 'lunos',
        input: ['text'],
        output: ['image'],
      },
    ]);
    expect(imageModelsQueryOptions(lunos).staleTime).toBe(60 * 60_000);
  });

  it('cancelling the query aborts the request through its signal', async () => {
    const signals: AbortSignal[] = [];
    const client = api.client('lunos', {
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    });
    // The answer never comes: only an abort ends this request.
    api.mock.next({ route: 'models', faults: [{ type: 'stall' }] });
    const queryClient = new QueryClient();
    const options = imageModelsQueryOptions(client);
    const pending = queryClient.fetchQuery(options).catch((error: unknown) => error);
    await waitFor(() => expect(modelCalls()).toHaveLength(1));
    expect(signals[0]?.aborted).toBe(false);
    await queryClient.cancelQueries({ queryKey: options.queryKey });
    await pending;
    expect(signals[0]?.aborted).toBe(true);
    queryClient.clear();
  });
});
