import type { ImageModel, LunosImageClient, ModelFilters } from '@lunos-image/core';
import { DEFAULT_MODELS_STALE_TIME, normalizeModelFilters } from '@lunos-image/core/adapter';

export interface ImageModelsQueryOptions {
  /** `['lunos-image', 'models', { baseURL, dialect, input, output }]`: plain JSON, so it hashes. */
  queryKey: readonly ['lunos-image', 'models', ImageModelsQueryKeyParams];
  queryFn: (context: { signal: AbortSignal }) => Promise<ImageModel[]>;
  staleTime: number;
}

export interface ImageModelsQueryKeyParams {
  baseURL: string;
  dialect: string;
  /** Sorted, with the defaults filled in, so equal filters give equal keys. */
  input: readonly string[];
  output: readonly string[];
}

/**
 * The image-model list as TanStack Query options: `useQuery(imageModelsQueryOptions(client))`,
 * `queryClient.prefetchQuery(…)` on the server, dehydrate and hydrate. The same server-side
 * filter as `useImageModels` (so image-only models are listed); the request is aborted through
 * TanStack's `signal`. Not a client module: it can be called from server code.
 */
export function imageModelsQueryOptions(
  client: LunosImageClient,
  filters: ModelFilters = {},
): ImageModelsQueryOptions {
  return {
    queryKey: [
      'lunos-image',
      'models',
      {
        baseURL: client.baseURL,
        dialect: client.dialect,
        ...normalizeModelFilters(filters),
      },
    ],
    queryFn: ({ signal }) => client.listModels(filters, { signal }),
    staleTime: DEFAULT_MODELS_STALE_TIME,
  };
}
