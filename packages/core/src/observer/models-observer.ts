import type { LunosImageError } from '../errors/lunos-image-error';
import { toLunosImageError } from '../errors/to-lunos-image-error';
import type { ImageModel } from '../models/image-model';
import type { ModelsQuery, ModelsSnapshot, ModelsStatus } from '../store/models-store';

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
 * `enabled` applied, `select`ed models) and when it asks for data. Subscribing goes to the query.
 */
export class ModelsObserver<T = readonly ImageModel[]> {
  readonly query: ModelsQuery;
  #options: ModelsObserverOptions<T> = {};
  #selected:
    | { models: readonly ImageModel[]; select: ModelsObserverOptions<T>['select']; value: T }
    | undefined;

  constructor(query: ModelsQuery) {
    this.query = query;
    this.refetch = this.refetch.bind(this);
  }

  /** The options of the last committed view (read by `refetch` and `mount`). */
  setOptions(options: ModelsObserverOptions<T>): void {
    this.#options = options;
  }

  /**
   * What a view of `snapshot` shows. Until the cache holds a list, `initialData` stands in for it
   * (also on the server, without a request); an enabled query with nothing yet shows `loading`,
   * so the first render is not a flash of `idle`.
   */
  resultOf(snapshot: ModelsSnapshot, options: ModelsObserverOptions<T>): ModelsResult<T> {
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

  /** A view is on screen with the current options: fetch if needed, or only seed the cache. */
  mount(): void {
    const { enabled = true, staleTime, initialData, initialDataUpdatedAt } = this.#options;
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
