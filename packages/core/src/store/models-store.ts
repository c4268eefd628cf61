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

/**
 * How long a model list no one watches stays cached by default: as long as it counts as fresh
 * (`DEFAULT_MODELS_STALE_TIME`). Dropping it sooner only buys a second request for a list that
 * has not changed (the Images API's costs one request per model), and keeping it longer keeps
 * data the next mount would fetch again anyway. A few entries of a few hundred models each are
 * all a page holds, so memory is not what sets it.
 */
export const DEFAULT_MODELS_GC_TIME_MS = DEFAULT_MODELS_STALE_TIME;

/** A timer that never keeps a process alive on its own (Node, Bun; a no-op in browsers). */
function unrefTimer(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

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
 * Once no one has watched it for its `gcTimeMs` (from its creation, or from when the last
 * subscriber left), it tells its store to drop it (TanStack Query's `gcTime`).
 */
export class ModelsQuery extends Subscribable {
  readonly key: string;
  readonly #client: LunosImageClient;
  readonly #filters: ModelFilters;
  readonly #onGc: ((query: ModelsQuery) => void) | undefined;
  #snapshot: ModelsSnapshot = EMPTY;
  #inFlight: { promise: Promise<readonly ImageModel[]>; controller: AbortController } | undefined;
  #gcTimeMs: number | undefined;
  #gcTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    client: LunosImageClient,
    filters: ModelFilters,
    key: string,
    onGc?: (query: ModelsQuery) => void,
  ) {
    super();
    this.#client = client;
    this.#filters = filters;
    this.key = key;
    this.#onGc = onGc;
    this.getSnapshot = this.getSnapshot.bind(this);
    this.getServerSnapshot = this.getServerSnapshot.bind(this);
    this.refetch = this.refetch.bind(this);
    // A query made but never watched (a server render, an `ensure` from a script) goes too.
    this.#scheduleGc();
  }

  /** How long it stays cached once unwatched; the longest any observer asked for wins. */
  get gcTimeMs(): number {
    return this.#gcTimeMs ?? DEFAULT_MODELS_GC_TIME_MS;
  }

  /** An observer's `gcTimeMs`: kept if longer than what others asked for. */
  setGcTimeMs(ms: number): void {
    this.#gcTimeMs = Math.max(this.#gcTimeMs ?? 0, ms);
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

  protected override onFirstSubscriber(): void {
    clearTimeout(this.#gcTimer);
    this.#gcTimer = undefined;
  }

  protected override onUnobserved(): void {
    this.#inFlight?.controller.abort(new AbortError('No one is waiting for the model list'));
    this.#scheduleGc();
  }

  #scheduleGc(): void {
    clearTimeout(this.#gcTimer);
    const ms = this.gcTimeMs;
    if (!this.#onGc || ms === Number.POSITIVE_INFINITY) return;
    this.#gcTimer = unrefTimer(
      setTimeout(() => {
        this.#gcTimer = undefined;
        if (!this.observed) this.#onGc?.(this);
      }, ms),
    );
  }

  #set(next: ModelsSnapshot): void {
    this.#snapshot = Object.freeze(next);
    this.notify();
  }
}

/**
 * Model-list queries of one client, keyed by base URL, dialect and filters. An entry no one has
 * watched for its `gcTimeMs` is dropped; asking for those filters again makes a new entry, which
 * fetches anew.
 */
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
      query = new ModelsQuery(this.#client, filters, key, (unwatched) => {
        if (this.#queries.get(key) === unwatched) this.#queries.delete(key);
      });
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
