'use client';
import {
  type ImageModel,
  type LunosImageClient,
  type LunosImageError,
  type ModelFilters,
  type ModelsSnapshot,
  type ModelsStatus,
  modelsStoreOf,
  toLunosImageError,
} from '@lunos-image/core';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useLatest } from './use-latest';
import { useLunosImageClient } from './use-lunos-image-client';

export interface UseImageModelsOptions<T> {
  /** Wins over the provider's client. */
  client?: LunosImageClient;
  /** `false`: send no request (whatever is cached, or `initialData`, is still shown). Default true. */
  enabled?: boolean;
  /** How long a fetched list counts as fresh, in ms; default 1 hour. */
  staleTime?: number;
  /**
   * Derives what `models` holds (filter, sort, map). Called again when the list or the function
   * changes: pass a stable function (module level or `useCallback`) for a stable result.
   */
  select?: (models: readonly ImageModel[]) => T;
  /** Shown (and rendered on the server) until a fetched list exists; seeds the shared cache. */
  initialData?: readonly ImageModel[];
  /** When `initialData` was fetched (ms since the epoch); default now, i.e. fresh. */
  initialDataUpdatedAt?: number;
}

export interface ImageModelsRefetchResult<T> {
  models: T | undefined;
  error: LunosImageError | undefined;
}

export interface UseImageModelsResult<T> {
  models: T | undefined;
  /** `loading` until the first list (or `initialData`); `idle` only when disabled with no data. */
  status: ModelsStatus;
  error: LunosImageError | undefined;
  /** No list yet and one is on its way (or about to be). */
  isLoading: boolean;
  /** A request is in flight, also while an older list is shown. */
  isFetching: boolean;
  /** Fetches again now; never rejects (the error is in the result and in `error`). */
  refetch(): Promise<ImageModelsRefetchResult<T>>;
}

type TSelectCache<T> = {
  models: readonly ImageModel[];
  select: ((models: readonly ImageModel[]) => T) | undefined;
  value: T;
};

/**
 * The image-capable models of the client's dialect (filtered by the server, so image-only models
 * are included). Components asking for the same filters share one cache entry and one request;
 * a request that no mounted component waits for any more is aborted.
 */
export function useImageModels<T = readonly ImageModel[]>(
  filters?: ModelFilters,
  options: UseImageModelsOptions<T> = {},
): UseImageModelsResult<T> {
  const client = useLunosImageClient(options.client);
  const store = modelsStoreOf(client);
  const key = store.keyOf(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the filters.
  const query = useMemo(() => store.query(filters), [store, key]);
  const snapshot: ModelsSnapshot = useSyncExternalStore(
    query.subscribe,
    query.getSnapshot,
    query.getServerSnapshot,
  );

  const enabled = options.enabled ?? true;
  const { staleTime, initialData, initialDataUpdatedAt } = options;
  // Read when the effect runs, so a new initialData array each render starts nothing.
  const latest = useLatest({ initialData, initialDataUpdatedAt });

  // biome-ignore lint/correctness/useExhaustiveDependencies: initialData is read, not watched (a new array each render must not refetch).
  useEffect(() => {
    const seed = latest.current;
    if (!enabled) {
      if (seed.initialData) query.setInitialData(seed.initialData, seed.initialDataUpdatedAt);
      return;
    }
    query.ensure({
      ...(staleTime !== undefined && { staleTime }),
      ...(seed.initialData && { initialData: seed.initialData }),
      ...(seed.initialDataUpdatedAt !== undefined && {
        initialDataUpdatedAt: seed.initialDataUpdatedAt,
      }),
    });
  }, [query, enabled, staleTime]);

  // Until the cache holds a list, initialData stands in for it; this is also what the server
  // renders, without a request and without touching the cache during render.
  const models = snapshot.models ?? initialData;
  let status: ModelsStatus = snapshot.status;
  if (snapshot.models === undefined && initialData) status = 'success';
  // Nothing has started yet but a request is about to (the effect above): show it as loading,
  // so the first render, and the server's, is not a flash of "idle".
  else if (status === 'idle' && enabled) status = 'loading';

  const select = options.select;
  const selectCache = useRef<TSelectCache<T> | undefined>(undefined);
  let selected: T | undefined;
  if (models === undefined) selected = undefined;
  else if (!select) selected = models as T;
  else {
    const cached = selectCache.current;
    if (cached && cached.models === models && cached.select === select) selected = cached.value;
    else {
      selected = select(models);
      selectCache.current = { models, select, value: selected };
    }
  }

  const selectRef = useLatest(select);
  const refetch = useMemo(
    () => (): Promise<ImageModelsRefetchResult<T>> =>
      query.refetch().then(
        (list) => {
          const pick = selectRef.current;
          return { models: pick ? pick(list) : (list as T), error: undefined };
        },
        (error: unknown) => ({ models: undefined, error: toLunosImageError(error) }),
      ),
    [query, selectRef],
  );

  return {
    models: selected,
    status,
    error: snapshot.error,
    isLoading: status === 'loading',
    isFetching: snapshot.isFetching,
    refetch,
  };
}
