import type { LunosImageClient } from '../client/create-lunos-image-client';
import type { LunosImageError } from '../errors/lunos-image-error';
import { toLunosImageError } from '../errors/to-lunos-image-error';
import { AbortError } from '../errors/transport-errors';
import type { ImageModel } from '../models/image-model';
import { modelFiltersKey } from '../models/model-filters-key';
import type { ModelFilters } from '../request/dialect';
import { Subscribable } from './subscribable';

export type ModelsStatus = 'idle' | 'loading' | 'success' | 'error';

/** Immutable: a new object only when something changed. */
export interface ModelsSnapshot {
  status: ModelsStatus;
  models: readonly ImageModel[] | undefined;
  error: LunosImageError | undefined;
  /** `Date.now()` of the data; 0 for none. */
  updatedAt: number;
  /** A request is in flight (also while stale data is shown). */
  isFetching: boolean;
}

export interface ModelsQueryOptions {
  /** How long data counts as fresh; default 1 hour. */
  staleTime?: number;
  /** Data to show (and render on the server) before any request, e.g. from SSR. */
  initialData?: readonly ImageModel[];
  /** When `initialData` was fetched; default now (fresh). */
  initialDataUpdatedAt?: number;
}

export const DEFAULT_MODELS_STALE_TIME = 60 * 60_000;

const EMPTY: ModelsSnapshot = Object.freeze({
  status: 'idle',
  models: undefined,
  error: undefined,
  updatedAt: 0,
  isFetching: false,
});

/**
 * One cached model list (one set of filters). All subscribers share one request; when the last
 * one leaves while it runs, the request is aborted (a tick later, so StrictMode's remount keeps it).
 */
export class ModelsQuery extends Subscribable {
  readonly key: string;
  readonly #client: LunosImageClient;
  readonly #filters: ModelFilters;
  #snapshot: ModelsSnapshot = EMPTY;
  #inFlight: { promise: Promise<readonly ImageModel[]>; controller: AbortController } | undefined;

  constructor(client: LunosImageClient, filters: ModelFilters, key: string) {
    super();
    this.#client = client;
    this.#filters = filters;
    this.key = key;
    this.getSnapshot = this.getSnapshot.bind(this);
    this.getServerSnapshot = this.getServerSnapshot.bind(this);
    this.refetch = this.refetch.bind(this);
  }

  getSnapshot(): ModelsSnapshot {
    return this.#snapshot;
  }

  /** On the server there is no request: what `initialData` put in the cache, or idle. */
  getServerSnapshot(): ModelsSnapshot {
    return this.#snapshot.isFetching ? { ...this.#snapshot, isFetching: false } : this.#snapshot;
  }

  /** Seeds the cache (SSR); ignored once real data arrived. */
  setInitialData(models: readonly ImageModel[], updatedAt = Date.now()): void {
    if (this.#snapshot.updatedAt !== 0) return;
    this.#set({ status: 'success', models, error: undefined, updatedAt, isFetching: false });
  }

  isStale(staleTime = DEFAULT_MODELS_STALE_TIME): boolean {
    return this.#snapshot.updatedAt === 0 || Date.now() - this.#snapshot.updatedAt >= staleTime;
  }

  /**
   * Fetches when there is no fresh data and nothing in flight. A list that failed counts as stale:
   * a component that mounts later asks again (as a query that retries on mount).
   */
  ensure(options: ModelsQueryOptions = {}): void {
    if (options.initialData) this.setInitialData(options.initialData, options.initialDataUpdatedAt);
    if (this.#inFlight) return;
    if (this.#snapshot.status === 'error') this.refetch().catch(() => {});
    else if (this.isStale(options.staleTime)) this.fetch().catch(() => {});
  }

  /** The list, from the request in flight if there is one (dedupe). */
  fetch(): Promise<readonly ImageModel[]> {
    if (this.#inFlight) return this.#inFlight.promise;
    const controller = new AbortController();
    const s = this.#snapshot;
    this.#set({ ...s, status: s.models ? s.status : 'loading', isFetching: true });
    const promise = this.#client
      .listModels(this.#filters, { signal: controller.signal })
      .then(
        (models) => {
          if (this.#inFlight?.controller === controller) {
            this.#set({
              status: 'success',
              models,
              error: undefined,
              updatedAt: Date.now(),
              isFetching: false,
            });
          }
          return models;
        },
        (thrown: unknown) => {
          const error = toLunosImageError(thrown);
          if (this.#inFlight?.controller === controller) {
            const prev = this.#snapshot;
            const aborted = AbortError.isInstance(error);
            this.#set(
              aborted
                ? { ...prev, status: prev.models ? 'success' : 'idle', isFetching: false }
                : { ...prev, status: 'error', error, isFetching: false },
            );
          }
          throw error;
        },
      )
      .finally(() => {
        if (this.#inFlight?.controller === controller) this.#inFlight = undefined;
      });
    this.#inFlight = { promise, controller };
    return promise;
  }

  /** Fetches again now, even when the data is fresh or the last attempt failed. */
  refetch(): Promise<readonly ImageModel[]> {
    if (this.#snapshot.status === 'error') this.#set({ ...this.#snapshot, status: 'loading' });
    return this.fetch();
  }

  protected override onUnobserved(): void {
    this.#inFlight?.controller.abort(new AbortError('No one is waiting for the model list'));
  }

  #set(next: ModelsSnapshot): void {
    this.#snapshot = Object.freeze(next);
    this.notify();
  }
}

/** Model-list queries of one client, keyed by base URL, dialect and filters. */
export class ModelsStore {
  readonly #client: LunosImageClient;
  readonly #queries = new Map<string, ModelsQuery>();

  constructor(client: LunosImageClient) {
    this.#client = client;
  }

  /** The cache key: base URL, dialect and normalized filters. */
  keyOf(filters: ModelFilters = {}): string {
    return `${this.#client.baseURL}|${this.#client.dialect}|${modelFiltersKey(filters)}`;
  }

  /** The shared query for these filters. */
  query(filters: ModelFilters = {}): ModelsQuery {
    const key = this.keyOf(filters);
    let query = this.#queries.get(key);
    if (!query) {
      query = new ModelsQuery(this.#client, filters, key);
      this.#queries.set(key, query);
    }
    return query;
  }
}

const stores = new WeakMap<LunosImageClient, ModelsStore>();

/** The `ModelsStore` of a client, shared by everyone who uses that client. */
export function modelsStoreOf(client: LunosImageClient): ModelsStore {
  let store = stores.get(client);
  if (!store) {
    store = new ModelsStore(client);
    stores.set(client, store);
  }
  return store;
}
