'use client';
import type { ImageModel, LunosImageClient, ModelFilters } from '@lunos-image/core';
import {
  ModelsObserver,
  type ModelsObserverOptions,
  type ModelsRefetchResult,
  type ModelsResult,
  modelsStoreOf,
} from '@lunos-image/core/adapter';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
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
 * a request that no mounted component waits for any more is aborted, and a list no component has
 * shown for `gcTimeMs` (default 1 hour) is dropped. `select` should be stable (module level or
 * `useCallback`) for a stable result.
 */
export function useImageModels<T = readonly ImageModel[]>(
  filters?: ModelFilters,
  options: UseImageModelsOptions<T> = {},
): UseImageModelsResult<T> {
  const client = useLunosImageClient(options.client);
  const store = modelsStoreOf(client);
  const key = store.keyOf(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the filters; options reach the observer on every commit (below).
  const observer = useMemo(
    () => new ModelsObserver<T>(store.query(filters), options),
    [store, key],
  );
  // Before the subscription below, so the observer asks for data with this render's options.
  useEffect(() => {
    observer.setOptions(options);
  });
  const snapshot = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getServerSnapshot,
  );
  return { ...observer.resultOf(snapshot, options), refetch: observer.refetch };
}
