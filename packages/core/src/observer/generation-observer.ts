import type { LunosImageClient } from '../client/create-lunos-image-client';
import type { GeneratedImage } from '../image/generated-image';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import {
  type GenerationCallbacks,
  type GenerationSnapshot,
  GenerationStore,
  type GenerationStoreOptions,
  type JobStorage,
} from '../store/generation-store';
import { isRunning } from '../store/is-running';
import { Subscribable } from '../store/subscribable';
import type { ImageGenerationResult } from '../stream/image-generation-result';

/**
 * What `images` shows while a new run has not produced an image yet:
 * - `previous` (default): the last run's images stay until the new run's first image arrives,
 *   then all of them are replaced at once (no flash of an empty gallery between runs). If the new
 *   run ends without an image (error, stop), they stay; `reset()` clears them.
 * - `none`: `images` empties the moment a new run starts.
 */
export type KeepImages = 'previous' | 'none';

/**
 * The state a UI shows: the store's snapshot (without `startedAt`) with `keep` applied to
 * `images`, plus `isRunning` (`submitted`, `processing` or `streaming`).
 */
export type GenerationState = Omit<GenerationSnapshot, 'startedAt'> & { isRunning: boolean };

export type GenerationStateKey = keyof GenerationState;

/** The images on show and the run they came from; a new object whenever they change. */
export interface ShownImages {
  readonly runId: number;
  readonly images: readonly GeneratedImage[];
}

/** Immutable; a new object whenever the store's snapshot or the shown images change. */
export interface GenerationObserverSnapshot {
  readonly source: GenerationSnapshot;
  readonly shown: ShownImages;
}

export interface GenerationObserverOptions extends GenerationCallbacks {
  /** Stream the answer (default true). */
  stream?: boolean;
  /** Publish at most one state per interval while streaming; the final state is never delayed. */
  throttleMs?: number;
  keep?: KeepImages;
  callOptions?: GenerationStoreOptions['callOptions'];
  /**
   * Keeps the id of the route handler's job a run reads, and resumes it when the observer is
   * first watched (after a reload); leaving it stops reading but not the job. See `JobStorage`.
   */
  jobStorage?: JobStorage;
}

/** What a view calls to start, stop and clear runs (bound: pass them around as they are). */
export interface GenerationActions {
  /**
   * Starts a run and returns its id (`runId`); a running one ends as `superseded` and never
   * writes again. Errors go to the state: it never throws.
   */
  generate(variables: GenerateImageVariables): number;
  /** Like `generate`, returning the result; rejects with the typed error (`AbortError` when stopped or superseded). */
  generateAsync(variables: GenerateImageVariables): Promise<ImageGenerationResult>;
  /** Aborts the running generation: `status` becomes `aborted`. */
  stop(): void;
  /** Stops any run and returns to `idle`. */
  reset(): void;
}

/**
 * Fields an adapter shows its own way (React: images as views with object URLs), each a function
 * of the snapshot, called only when a view reads that field.
 */
export type GenerationFieldViews<TViews> = {
  readonly [K in keyof TViews]: (snapshot: GenerationObserverSnapshot) => TViews[K];
};

type TNoViews = Record<never, never>;

/**
 * What a view reads (`trackResult`): the state, with the holder's views in place of the fields
 * it shows its own way, and the actions. Reading a field tracks it.
 */
export type GenerationObserverResult<TViews = TNoViews> = Omit<GenerationState, keyof TViews> &
  TViews &
  GenerationActions;

/**
 * Whoever holds resources per shown image (React's object URLs): told which images are still
 * shown, and when no one has watched for a tick; `views` are the fields it shows its own way.
 */
export interface ShownImagesHolder<TViews = TNoViews> {
  /** Everything not in `keep` may be released. */
  retain(keep: ReadonlySet<GeneratedImage>): void;
  releaseAll(): void;
  readonly views?: GenerationFieldViews<TViews>;
}

type TReadKey = Exclude<GenerationStateKey, 'images'>;

const readers: { [K in TReadKey]: (s: GenerationObserverSnapshot) => GenerationState[K] } = {
  status: (s) => s.source.status,
  runId: (s) => s.source.runId,
  variables: (s) => s.source.variables,
  text: (s) => s.source.text,
  partials: (s) => s.source.partials,
  slots: (s) => s.source.slots,
  usage: (s) => s.source.usage,
  error: (s) => s.source.error,
  finishReason: (s) => s.source.finishReason,
  nativeFinishReason: (s) => s.source.nativeFinishReason,
  result: (s) => s.source.result,
  elapsedMs: (s) => s.source.elapsedMs,
  bytesReceived: (s) => s.source.bytesReceived,
  jobId: (s) => s.source.jobId,
  budget: (s) => s.source.budget,
  isRunning: (s) => isRunning(s.source.status),
};

/** Every field of `GenerationState`, in a fixed order. */
const GENERATION_STATE_KEYS: readonly GenerationStateKey[] = [
  ...(Object.keys(readers) as TReadKey[]),
  'images',
];

/**
 * One consumer's view of image generations (the TanStack Query observer pattern): owns a
 * `GenerationStore`, decides which images are shown (`keep`), and tells its listeners only about
 * changes to the fields that were read (`track`), so a component that reads `status` does not
 * re-render for every text delta (`trackResult`). Framework-free: an adapter subscribes, hands the
 * snapshot it rendered to `trackResult` and reports what it committed (`commit`).
 *
 * Images (and partial previews) shown by the latest state or by the last committed view are
 * retained by the holder;
 * when no one has subscribed for a tick (unmount; StrictMode resubscribes within the tick) the
 * holder releases everything and the store stops its run.
 */
export class GenerationObserver<TViews = TNoViews> extends Subscribable {
  readonly client: LunosImageClient;
  readonly #store: GenerationStore;
  readonly #holder: ShownImagesHolder<TViews> | undefined;
  readonly #results = new WeakMap<GenerationObserverSnapshot, GenerationObserverResult<TViews>>();
  readonly #tracked = new Set<GenerationStateKey>();
  readonly #serverSnapshot: GenerationObserverSnapshot;
  readonly #callbacks: Required<GenerationCallbacks>;
  #options: GenerationObserverOptions;
  #snapshot: GenerationObserverSnapshot;
  /** The snapshot the listeners last heard about. */
  #notified: GenerationObserverSnapshot;
  /** What the last committed view showed. */
  #committed: GenerationObserverSnapshot | undefined;
  #unsubscribeStore: (() => void) | undefined;

  constructor(
    client: LunosImageClient,
    options: GenerationObserverOptions = {},
    holder?: ShownImagesHolder<TViews>,
  ) {
    super();
    this.client = client;
    this.#options = options;
    this.#holder = holder;
    // Stable wrappers that read the newest callbacks: changing a callback restarts nothing.
    const callbacks: Required<GenerationCallbacks> = {
      onImage: (image, index) => this.#options.onImage?.(image, index),
      onPartialImage: (image, index, partialIndex) =>
        this.#options.onPartialImage?.(image, index, partialIndex),
      onTextDelta: (text) => this.#options.onTextDelta?.(text),
      onEvent: (event) => this.#options.onEvent?.(event),
      onFinish: (outcome) => this.#options.onFinish?.(outcome),
      onError: (error, run) => this.#options.onError?.(error, run),
    };
    this.#callbacks = callbacks;
    this.#store = new GenerationStore(client, { ...this.#storeOptions(options), ...callbacks });
    const source = this.#store.getSnapshot();
    this.#snapshot = { source, shown: { runId: source.runId, images: source.images } };
    this.#notified = this.#snapshot;
    const server = this.#store.getServerSnapshot();
    this.#serverSnapshot = {
      source: server,
      shown: { runId: server.runId, images: server.images },
    };
    this.getSnapshot = this.getSnapshot.bind(this);
    this.getServerSnapshot = this.getServerSnapshot.bind(this);
    this.generate = this.generate.bind(this);
    this.generateAsync = this.generateAsync.bind(this);
    this.stop = this.stop.bind(this);
    this.reset = this.reset.bind(this);
  }

  #storeOptions(options: GenerationObserverOptions): GenerationStoreOptions {
    return {
      ...(options.stream !== undefined && { stream: options.stream }),
      ...(options.throttleMs !== undefined && { throttleMs: options.throttleMs }),
      ...(options.callOptions !== undefined && { callOptions: options.callOptions }),
      ...(options.jobStorage !== undefined && { jobStorage: options.jobStorage }),
      stopWhenUnobserved: true,
    };
  }

  /** New options (from the last committed render); a running generation goes on untouched. */
  setOptions(options: GenerationObserverOptions): void {
    this.#options = options;
    this.#store.setOptions({ ...this.#storeOptions(options), ...this.#callbacks });
  }

  /**
   * Starts a run and returns its id (a running one ends as `superseded` and never writes
   * again); errors go to the state.
   */
  generate(variables: GenerateImageVariables): number {
    return this.#store.generate(variables);
  }

  /** Like `generate`, returning the result; rejects with the typed error (`AbortError` when stopped or superseded). */
  generateAsync(variables: GenerateImageVariables): Promise<ImageGenerationResult> {
    return this.#store.generateAsync(variables);
  }

  stop(): void {
    this.#store.stop();
  }

  reset(): void {
    this.#store.reset();
  }

  getSnapshot(): GenerationObserverSnapshot {
    return this.#sync();
  }

  /** The server renders the idle state: nothing runs during SSR. */
  getServerSnapshot(): GenerationObserverSnapshot {
    return this.#serverSnapshot;
  }

  /** Marks a field as read by a view: changes to it now notify. */
  track(key: GenerationStateKey): void {
    this.#tracked.add(key);
  }

  /** The value of one field of the state in `snapshot`. */
  read<K extends GenerationStateKey>(
    snapshot: GenerationObserverSnapshot,
    key: K,
  ): GenerationState[K] {
    if (key === 'images') return snapshot.shown.images as GenerationState[K];
    return readers[key as Exclude<K, 'images'>](snapshot) as GenerationState[K];
  }

  /**
   * What a view of `snapshot` reads: the same object for the same snapshot, whose fields are
   * getters that `track` themselves, so the view is notified only about changes to what it read
   * (TanStack Query's `trackResult`). Fields the holder has `views` for come from them.
   */
  trackResult(snapshot: GenerationObserverSnapshot): GenerationObserverResult<TViews> {
    const known = this.#results.get(snapshot);
    if (known) return known;
    const views = this.#holder?.views as
      | Partial<Record<GenerationStateKey, (snapshot: GenerationObserverSnapshot) => unknown>>
      | undefined;
    const actions: GenerationActions = {
      generate: this.generate,
      generateAsync: this.generateAsync,
      stop: this.stop,
      reset: this.reset,
    };
    const result = { ...actions };
    for (const key of GENERATION_STATE_KEYS) {
      const view = views?.[key];
      Object.defineProperty(result, key, {
        enumerable: true,
        get: () => {
          this.track(key);
          return view ? view(snapshot) : this.read(snapshot, key);
        },
      });
    }
    const tracked = result as GenerationObserverResult<TViews>;
    this.#results.set(snapshot, tracked);
    return tracked;
  }

  /** The whole state of `snapshot` (untracked: reading it tracks nothing). */
  stateOf(snapshot: GenerationObserverSnapshot): GenerationState {
    const state = {} as Record<GenerationStateKey, unknown>;
    for (const key of GENERATION_STATE_KEYS) state[key] = this.read(snapshot, key);
    return state as unknown as GenerationState;
  }

  /** A view that showed `snapshot` was committed: images neither it nor the latest state show go. */
  commit(snapshot: GenerationObserverSnapshot): void {
    this.#committed = snapshot;
    this.#sweep();
  }

  protected override onFirstSubscriber(): void {
    this.#unsubscribeStore = this.#store.subscribe(() => this.#onStoreChange());
    // A job a page load before this one left running: read on from its start.
    this.#store.resumeSaved();
    this.#notified = this.#sync();
  }

  protected override onLastUnsubscribe(): void {
    // The store stops its run a tick after its last subscriber leaves.
    this.#unsubscribeStore?.();
    this.#unsubscribeStore = undefined;
  }

  /** No one is watching: release every held image; a later subscriber gets a fresh `shown`. */
  protected override onUnobserved(): void {
    this.#holder?.releaseAll();
    this.#committed = undefined;
    const { source, shown } = this.#snapshot;
    this.#snapshot = { source, shown: { ...shown } };
  }

  /** Brings `#snapshot` up to date with the store; pure apart from caching, so safe in render. */
  #sync(): GenerationObserverSnapshot {
    const current = this.#snapshot;
    const source = this.#store.getSnapshot();
    if (source === current.source) return current;
    let shown = current.shown;
    if (source.images !== shown.images) {
      const waitForNewImages =
        this.#options.keep !== 'none' &&
        source.images.length === 0 &&
        source.status !== 'idle' &&
        source.runId !== shown.runId;
      if (!waitForNewImages) shown = { runId: source.runId, images: source.images };
    }
    this.#snapshot = { source, shown };
    return this.#snapshot;
  }

  #onStoreChange(): void {
    const next = this.#sync();
    const previous = this.#notified;
    if (next === previous) return;
    this.#notified = next;
    if (
      next.shown !== previous.shown ||
      next.source.partials !== previous.source.partials ||
      next.source.slots !== previous.source.slots
    ) {
      this.#sweep();
    }
    for (const key of this.#tracked) {
      const same =
        key === 'images'
          ? next.shown === previous.shown
          : Object.is(readers[key](next), readers[key](previous));
      if (!same) {
        this.notify();
        return;
      }
    }
  }

  /** Lets the holder release images that neither the latest state nor the committed view shows. */
  #sweep(): void {
    if (!this.#holder) return;
    const keep = new Set<GeneratedImage>();
    for (const shown of [this.#snapshot, this.#committed]) {
      for (const image of shown?.shown.images ?? []) keep.add(image);
      for (const partial of shown?.source.partials ?? []) if (partial) keep.add(partial.image);
      for (const slot of shown?.source.slots ?? []) {
        if (slot.image) keep.add(slot.image);
        if (slot.partial) keep.add(slot.partial.image);
      }
    }
    this.#holder.retain(keep);
  }
}
