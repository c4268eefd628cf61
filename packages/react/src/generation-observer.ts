import {
  type GeneratedImage,
  type GenerateImageVariables,
  type GenerationCallbacks,
  type GenerationSnapshot,
  type GenerationStatus,
  GenerationStore,
  type GenerationStoreOptions,
  type ImageGenerationResult,
  type ImageUsage,
  type LunosImageClient,
  type LunosImageError,
} from '@lunos-image/core';
import { ObjectUrlRegistry } from './object-url-registry';

/**
 * What `images` shows while a new run has not produced an image yet:
 * - `previous` (default): the last run's images stay until the new run's first image arrives,
 *   then all of them are replaced at once (no flash of an empty gallery between runs). If the new
 *   run ends without an image (error, stop), they stay; `reset()` clears them. Each view's `runId`
 *   tells an old image from a new one.
 * - `none`: `images` empties the moment a new run starts.
 * Either way, an image's object URL is revoked once no committed render shows it any more.
 */
export type KeepImages = 'previous' | 'none';

/** One image as a component shows it. */
export interface GeneratedImageView {
  /** Its place in the result; a progressive image keeps its index when it is replaced. */
  readonly index: number;
  /**
   * An object URL made once from the image's bytes, and revoked when the image is replaced or
   * dropped (after the render that stops showing it), on `reset` and on unmount. An https image
   * (or a runtime without `URL.createObjectURL`) gets the image's own URL instead.
   */
  readonly url: string;
  readonly mimeType: string;
  readonly width?: number;
  readonly height?: number;
  readonly byteLength?: number;
  /** The run that produced it (see `keep`). */
  readonly runId: number;
  /** The image itself: `bytes()`, `blob()`, the data URL as received. */
  readonly image: GeneratedImage;
}

export interface ImageGenerationState {
  status: GenerationStatus;
  /** 0 before the first run; every `generate` gets the next number. */
  runId: number;
  variables: GenerateImageVariables | undefined;
  text: string;
  images: readonly GeneratedImageView[];
  /** Tokens and cost (USD). */
  usage: ImageUsage | undefined;
  error: LunosImageError | undefined;
  finishReason: string | null;
  nativeFinishReason: string | null;
  /** The folded result of a successful run (id, model, provider, text, images, usage). */
  result: ImageGenerationResult | undefined;
  elapsedMs: number;
  bytesReceived: number;
  /** `submitted`, `processing` or `streaming`. */
  isRunning: boolean;
}

export type ImageGenerationStateKey = keyof ImageGenerationState;

export interface GenerationObserverOptions extends GenerationCallbacks {
  /** Stream the answer (default true). */
  stream?: boolean;
  /** Publish at most one state per interval while streaming; the final state is never delayed. */
  throttleMs?: number;
  keep?: KeepImages;
  callOptions?: GenerationStoreOptions['callOptions'];
}

interface Shown {
  readonly runId: number;
  readonly images: readonly GeneratedImage[];
}

/** Immutable; a new object whenever the store's snapshot or the shown images change. */
export interface ObserverSnapshot {
  readonly source: GenerationSnapshot;
  readonly shown: Shown;
}

const RUNNING: ReadonlySet<GenerationStatus> = new Set(['submitted', 'processing', 'streaming']);

const readers: {
  [K in Exclude<ImageGenerationStateKey, 'images'>]: (s: ObserverSnapshot) => unknown;
} = {
  status: (s) => s.source.status,
  runId: (s) => s.source.runId,
  variables: (s) => s.source.variables,
  text: (s) => s.source.text,
  usage: (s) => s.source.usage,
  error: (s) => s.source.error,
  finishReason: (s) => s.source.finishReason,
  nativeFinishReason: (s) => s.source.nativeFinishReason,
  result: (s) => s.source.result,
  elapsedMs: (s) => s.source.elapsedMs,
  bytesReceived: (s) => s.source.bytesReceived,
  isRunning: (s) => RUNNING.has(s.source.status),
};

export const IMAGE_GENERATION_STATE_KEYS: readonly ImageGenerationStateKey[] = [
  ...(Object.keys(readers) as ImageGenerationStateKey[]),
  'images',
];

const noop = () => {};

/**
 * The React-free half of `useImageGeneration` (the TanStack observer pattern): owns one
 * `GenerationStore`, decides which images are shown (`keep`), turns them into views with object
 * URLs, and tells its listeners only about changes to the fields a render read ("tracked"), so a
 * component that reads `status` does not re-render for every text delta.
 *
 * Object URL lifecycle: a URL is made the first time a render reads `images` (a component that
 * never does pays nothing) and revoked when its image is neither in the latest state nor in the
 * last committed render (`commit`), so no committed render of the state shows a revoked URL; when no one has
 * subscribed for a tick (unmount; StrictMode resubscribes within the tick), all are revoked.
 */
export class GenerationObserver {
  readonly client: LunosImageClient;
  readonly #store: GenerationStore;
  readonly #registry = new ObjectUrlRegistry();
  readonly #views = new Map<GeneratedImage, GeneratedImageView>();
  readonly #viewLists = new WeakMap<Shown, readonly GeneratedImageView[]>();
  readonly #listeners = new Set<() => void>();
  readonly #tracked = new Set<ImageGenerationStateKey>();
  readonly #serverSnapshot: ObserverSnapshot;
  readonly #callbacks: Required<GenerationCallbacks>;
  #options: GenerationObserverOptions;
  #snapshot: ObserverSnapshot;
  /** The snapshot the listeners last heard about. */
  #notified: ObserverSnapshot;
  /** What the last committed render showed. */
  #committed: Shown | undefined;
  #unsubscribeStore: (() => void) | undefined;
  #releaseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: LunosImageClient, options: GenerationObserverOptions = {}) {
    this.client = client;
    this.#options = options;
    // Stable wrappers that read the newest callbacks: changing a callback restarts nothing.
    const callbacks: Required<GenerationCallbacks> = {
      onImage: (image, index) => this.#options.onImage?.(image, index),
      onTextDelta: (text) => this.#options.onTextDelta?.(text),
      onEvent: (event) => this.#options.onEvent?.(event),
      onFinish: (outcome) => this.#options.onFinish?.(outcome),
      onError: (error, run) => this.#options.onError?.(error, run),
    };
    this.#store = new GenerationStore(client, { ...this.#storeOptions(options), ...callbacks });
    this.#callbacks = callbacks;
    const source = this.#store.getSnapshot();
    this.#snapshot = { source, shown: { runId: source.runId, images: source.images } };
    this.#notified = this.#snapshot;
    const server = this.#store.getServerSnapshot();
    this.#serverSnapshot = {
      source: server,
      shown: { runId: server.runId, images: server.images },
    };
    this.subscribe = this.subscribe.bind(this);
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
      stopWhenUnobserved: true,
    };
  }

  /** New options (from the last committed render); a running generation goes on untouched. */
  setOptions(options: GenerationObserverOptions): void {
    this.#options = options;
    this.#store.setOptions({ ...this.#storeOptions(options), ...this.#callbacks });
  }

  /** Starts a run (a running one is aborted and never writes again); errors go to the state. */
  generate(variables: GenerateImageVariables): void {
    this.#store.generate(variables).catch(noop);
  }

  /** Like `generate`, returning the result; rejects with the typed error (`AbortError` when stopped or superseded). */
  generateAsync(variables: GenerateImageVariables): Promise<ImageGenerationResult> {
    return this.#store.generate(variables);
  }

  stop(): void {
    this.#store.stop();
  }

  reset(): void {
    this.#store.reset();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      clearTimeout(this.#releaseTimer);
      this.#releaseTimer = undefined;
      this.#unsubscribeStore = this.#store.subscribe(() => this.#onStoreChange());
      this.#notified = this.#sync();
    }
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      this.#unsubscribeStore?.();
      this.#unsubscribeStore = undefined;
      // The store stops its run a tick after its last subscriber leaves; the object URLs go with
      // it, unless someone subscribes again within the tick (StrictMode's remount).
      this.#releaseTimer = setTimeout(() => {
        this.#releaseTimer = undefined;
        if (this.#listeners.size === 0) this.#release();
      }, 0);
    };
  }

  getSnapshot(): ObserverSnapshot {
    return this.#sync();
  }

  /** The server renders the idle state: nothing runs and no object URL is made during SSR. */
  getServerSnapshot(): ObserverSnapshot {
    return this.#serverSnapshot;
  }

  /** Marks a field as read by a render: changes to it now notify. */
  track(key: ImageGenerationStateKey): void {
    this.#tracked.add(key);
  }

  /** The value of one field of the state in `snapshot`. */
  read<K extends ImageGenerationStateKey>(
    snapshot: ObserverSnapshot,
    key: K,
  ): ImageGenerationState[K] {
    if (key === 'images') return this.#viewsOf(snapshot.shown) as ImageGenerationState[K];
    return readers[key as Exclude<K, 'images'>](snapshot) as ImageGenerationState[K];
  }

  /** A render that showed `snapshot` was committed: URLs neither it nor the latest state show go. */
  commit(snapshot: ObserverSnapshot): void {
    this.#committed = snapshot.shown;
    this.#sweep();
  }

  /** Live object URLs (for tests and devtools). */
  get objectUrlCount(): number {
    return this.#registry.size;
  }

  /** Brings `#snapshot` up to date with the store; pure apart from caching, so safe in render. */
  #sync(): ObserverSnapshot {
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
    if (next.shown !== previous.shown) this.#sweep();
    let changed = false;
    for (const key of this.#tracked) {
      const same =
        key === 'images'
          ? next.shown === previous.shown
          : Object.is(readers[key](next), readers[key](previous));
      if (!same) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    for (const listener of [...this.#listeners]) listener();
  }

  #viewsOf(shown: Shown): readonly GeneratedImageView[] {
    let list = this.#viewLists.get(shown);
    if (list) return list;
    const views: GeneratedImageView[] = [];
    shown.images.forEach((image, index) => {
      let view = this.#views.get(image);
      if (!view) {
        view = Object.freeze({
          index,
          url: this.#registry.urlFor(image),
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          byteLength: image.byteLength,
          runId: shown.runId,
          image,
        });
        this.#views.set(image, view);
      }
      views.push(view);
    });
    list = Object.freeze(views);
    this.#viewLists.set(shown, list);
    return list;
  }

  /** Revokes the URLs of images that neither the latest state nor the committed render shows. */
  #sweep(): void {
    const keep = new Set<GeneratedImage>(this.#snapshot.shown.images);
    for (const image of this.#committed?.images ?? []) keep.add(image);
    this.#registry.retain(keep);
    for (const image of this.#views.keys()) if (!keep.has(image)) this.#views.delete(image);
  }

  /** No one is watching: revoke every URL; a later subscriber gets fresh views and URLs. */
  #release(): void {
    this.#registry.revokeAll();
    this.#views.clear();
    this.#committed = undefined;
    const { source, shown } = this.#snapshot;
    this.#snapshot = { source, shown: { ...shown } };
  }
}
