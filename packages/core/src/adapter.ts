/**
 * `@lunos-image/core/adapter`: what a framework adapter (React's hooks, one for Vue, Svelte or
 * Solid) builds on. Stores hold the state outside any framework; an observer is one view's window
 * on a store; both are `Subscribable`s with immutable snapshots. App code does not need these:
 * the types a hook's result names (`GenerationStatus`, `GenerationOutcome`, `KeepImages`) are in
 * `@lunos-image/core`.
 */

export { normalizeModelFilters } from './models/model-filters-key';
export {
  type GenerationActions,
  type GenerationFieldViews,
  GenerationObserver,
  type GenerationObserverOptions,
  type GenerationObserverResult,
  type GenerationObserverSnapshot,
  type GenerationState,
  type GenerationStateKey,
  type ShownImages,
  type ShownImagesHolder,
} from './observer/generation-observer';
export {
  ModelsObserver,
  type ModelsObserverOptions,
  type ModelsRefetchResult,
  type ModelsResult,
} from './observer/models-observer';
export {
  type GenerationCallbacks,
  type GenerationSnapshot,
  GenerationStore,
  type GenerationStoreOptions,
  type JobStorage,
  type SavedJob,
} from './store/generation-store';
export { isRunning } from './store/is-running';
export {
  DEFAULT_MODELS_STALE_TIME,
  ModelsQuery,
  type ModelsQueryOptions,
  type ModelsSnapshot,
  type ModelsStatus,
  ModelsStore,
  modelsStoreOf,
} from './store/models-store';
export { Subscribable } from './store/subscribable';
