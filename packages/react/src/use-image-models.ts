'use client';
import {
  type ImageModel,
  type LunosImageClient,
  type ModelFilters,
  ModelsObserver,
  type ModelsObserverOptions,
  type ModelsRefetchResult,
  type ModelsResult,
  modelsStoreOf,
} from '@lunos-image/core';
import { useEffect, useInsertionEffect, useMemo, useSyncExternalStore } from 'react';
import { useLunosImageClient } from './use-lunos-image-client';

export interface UseImageModelsOptions<T> extends ModelsObserverOptions<T> {
  /** Wins over the provider's client. */
  client?: LunosImageClient;
}

export type ImageModelsRefetchResult<T> = ModelsRefetchResult<T>;

export interface UseImageModelsResult<T> extends ModelsResult<T> {
  /** Fetches again now; never rejects (the error is in the result and in `error`). */
  refetch(): Promise<ImageModelsRefetchResult<T>>;
}

/**
 * The image-capable models of the client's dialect (filtered by the server, so image-only models
 * are included). Components asking for the same filters share one cache entry and one request;
 * a request that no mounted component waits for any more is aborted. `select` should be stable
 * (module level or `useCallback`) for a stable result.
 */
export function useImageModels<T = readonly ImageModel[]>(
  filters?: ModelFilters,
  options: UseImageModelsOptions<T> = {},
): UseImageModelsResult<T> {
  const client = useLunosImageClient(options.client);
  const store = modelsStoreOf(client);
  const key = store.keyOf(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the filters.
  const observer = useMemo(() => new ModelsObserver<T>(store.query(filters)), [store, key]);
  const { query } = observer;
  const snapshot = useSyncExternalStore(
    query.subscribe,
    query.getSnapshot,
    query.getServerSnapshot,
  );
  useInsertionEffect(() => {
    observer.setOptions(options);
  });
  const enabled = options.enabled ?? true;
  const { staleTime } = options;
  // initialData is read when the effect runs, not watched: a new array each render starts nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: enabled and staleTime restart it.
  useEffect(() => {
    observer.mount();
  }, [observer, enabled, staleTime]);
  return { ...observer.resultOf(snapshot, options), refetch: observer.refetch };
}
