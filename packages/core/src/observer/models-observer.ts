import type { LunosImageError } from '../errors/lunos-image-error';
import { toLunosImageError } from '../errors/to-lunos-image-error';
import type { ImageModel } from '../models/image-model';
import {
  DEFAULT_MODELS_GC_TIME_MS,
  type ModelsQuery,
  type ModelsSnapshot,
  type ModelsStatus,
} from '../store/models-store';
import { Subscribable } from '../store/subscribable';

export interface ModelsObserverOptions<T> {
  /** `false`: send no request (whatever is cached, or `initialData`, is still shown). Default true. */
  enabled?: boolean;
  /** How long a fetched list counts as fresh, in ms; default 1 hour. */
  staleTime?: number;
  /** Derives what `models` holds; called again only when the list or the function changes. */
  select?: (models: readonly ImageModel[]) => T;
  /** Shown until a fetched list exists; seeds the shared cache. */
  initialData?: readonly ImageModel[];
  /** When `initialData` was fetched (ms since the epoch); default now, i.e. fresh. */
  initialDataUpdatedAt?: number;
  /**
   * How long the list stays cached once no view watches it, in ms (default 1 hour, as long as it
   * is fresh); the longest any observer of the same filters asks for wins.
   */
  gcTimeMs?: number;
}

export interface ModelsResult<T> {
  models: T | undefined;
  /** `loading` until the first list (or `initialData`); `idle` only when disabled with no data. */
  status: ModelsStatus;
  error: LunosImageError | undefined;
  /** No list yet and one is on its way (or about to be). */
  isLoading: boolean;
  /** A request is in flight, also while an older list is shown. */
  isFetching: boolean;
}

export interface ModelsRefetchResult<T> {
  models: T | undefined;
  error: LunosImageError | undefined;
}

/**
 * One consumer's view of a shared `ModelsQuery`: what it shows (status with `initialData` and
 * `enabled` applied, `select`ed models) and when it asks for data. A `Subscribable` like the
 * stores: the first subscriber subscribes it to the query and fetches if the data is missing or
 * stale (or only seeds `initialData` when disabled); enabling it or changing `staleTime` while
 * watched asks again. An adapter subscribes and renders `resultOf(snapshot, options)`.
 */
export class ModelsObserver<T = readonly ImageModel[]> extends Subscribable {
  readonly query: ModelsQuery;
  #options: ModelsObserverOptions<T>;
  #selected:
    | { models: readonly ImageModel[]; select: ModelsObserverOptions<T>['select']; value: T }
    | undefined;
  #unsubscribeQuery: (() => void) | undefined;

  constructor(query: ModelsQuery, options: ModelsObserverOptions<T> = {}) {
    super();
    this.query = query;
    this.#options = options;
    this.getSnapshot = this.getSnapshot.bind(this);
    this.getServerSnapshot = this.getServerSnapshot.bind(this);
    this.refetch = this.refetch.bind(this);
  }

  /** The query's snapshot: a new object only when the list, its status or its error changed. */
  getSnapshot(): ModelsSnapshot {
    return this.query.getSnapshot();
  }

  /** On the server there is no request: what `initialData` put in the cache, or idle. */
  getServerSnapshot(): ModelsSnapshot {
    return this.query.getServerSnapshot();
  }

  /**
   * The options of the last committed view (read by `refetch` and when asking for data). While
   * watched, turning `enabled` on or changing `staleTime` asks for data again.
   */
  setOptions(options: ModelsObserverOptions<T>): void {
    const previous = this.#options;
    this.#options = options;
    const restart =
      (previous.enabled ?? true) !== (options.enabled ?? true) ||
      previous.staleTime !== options.staleTime;
    if (this.observed && restart) this.#mount();
  }

  /**
   * What a view of `snapshot` shows with `options` (those of the view being rendered). Until the
   * cache holds a list, `initialData` stands in for it (also on the server, without a request);
   * an enabled query with nothing yet shows `loading`, so the first render is not a flash of
   * `idle`.
   */
  resultOf(
    snapshot: ModelsSnapshot,
    options: ModelsObserverOptions<T> = this.#options,
  ): ModelsResult<T> {
    const enabled = options.enabled ?? true;
    const models = snapshot.models ?? options.initialData;
    let status: ModelsStatus = snapshot.status;
    if (snapshot.models === undefined && options.initialData) status = 'success';
    else if (status === 'idle' && enabled) status = 'loading';
    return {
      models: models === undefined ? undefined : this.#select(models, options.select),
      status,
      error: snapshot.error,
      isLoading: status === 'loading',
      isFetching: snapshot.isFetching,
    };
  }

  protected override onFirstSubscriber(): void {
    this.#unsubscribeQuery = this.query.subscribe(() => this.notify());
    this.#mount();
  }

  protected override onLastUnsubscribe(): void {
    // The query aborts a request no one waits for a tick later, and is dropped after its gcTimeMs.
    this.#unsubscribeQuery?.();
    this.#unsubscribeQuery = undefined;
  }

  /** A view is on screen with the current options: fetch if needed, or only seed the cache. */
  #mount(): void {
    const {
      enabled = true,
      staleTime,
      initialData,
      initialDataUpdatedAt,
      gcTimeMs,
    } = this.#options;
    this.query.setGcTimeMs(gcTimeMs ?? DEFAULT_MODELS_GC_TIME_MS);
    if (!enabled) {
      if (initialData) this.query.setInitialData(initialData, initialDataUpdatedAt);
      return;
    }
    this.query.ensure({
      ...(staleTime !== undefined && { staleTime }),
      ...(initialData && { initialData }),
      ...(initialDataUpdatedAt !== undefined && { initialDataUpdatedAt }),
    });
  }

  /** Fetches again now; never rejects (the error is in the result). */
  refetch(): Promise<ModelsRefetchResult<T>> {
    return this.query.refetch().then(
      (list) => {
        const select = this.#options.select;
        return { models: select ? select(list) : (list as T), error: undefined };
      },
      (error: unknown) => ({ models: undefined, error: toLunosImageError(error) }),
    );
  }

  #select(models: readonly ImageModel[], select: ModelsObserverOptions<T>['select']): T {
    if (!select) return models as T;
    const cached = this.#selected;
    if (cached && cached.models === models && cached.select === select) return cached.value;
    const value = select(models);
    this.#selected = { models, select, value };
    return value;
  }
}
