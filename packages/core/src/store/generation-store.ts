import type { CallOptions, LunosImageClient } from '../client/create-lunos-image-client';
import type { ImageRunSoFar, ImageStream } from '../client/image-stream';
import type { LunosImageError } from '../errors/lunos-image-error';
import { toLunosImageError } from '../errors/to-lunos-image-error';
import { AbortError } from '../errors/transport-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import type { ImageGenerationResult } from '../stream/image-generation-result';
import type { PartialImage } from '../stream/image-result-accumulator';
import { type ImageSlot, settleImageSlots } from '../stream/image-slot';
import type { ImageStreamEvent, ImageUsage } from '../stream/image-stream-event';
import { Subscribable } from './subscribable';

export type GenerationStatus =
  | 'idle'
  | 'submitted'
  | 'processing'
  | 'streaming'
  | 'success'
  | 'error'
  | 'aborted';

/** Immutable: a new object only when something changed. */
export interface GenerationSnapshot {
  status: GenerationStatus;
  /** 0 before the first run; every `generate` gets the next number. */
  runId: number;
  variables: GenerateImageVariables | undefined;
  text: string;
  images: readonly GeneratedImage[];
  /**
   * By slot, the latest preview of an image still being made (Images API streams with partial
   * images); a slot's preview goes when its image arrives, and all go when the run succeeds.
   */
  partials: readonly (PartialImage | undefined)[];
  /**
   * One per image the run asked for (`n`, one on chat), from its start: `waiting`, `previewing`,
   * `done`, or `failed` with its own error while the run goes on; once it ended, the slots that
   * got no image are `not-made` (completed: the provider made fewer), `stopped` or `failed`.
   */
  slots: readonly ImageSlot[];
  usage: ImageUsage | undefined;
  error: LunosImageError | undefined;
  finishReason: string | null;
  nativeFinishReason: string | null;
  result: ImageGenerationResult | undefined;
  /** Body bytes received by the current run (a multi-MB image line arrives over many reads). */
  bytesReceived: number;
  /** `Date.now()` when the run started, and the time it took (updated with every change). */
  startedAt: number | undefined;
  elapsedMs: number;
}

/**
 * How a run ended: `completed`, `aborted` (`stop()`, `reset()`, no one watching any more),
 * `error`, or `superseded` (a newer `generate` replaced it while it ran).
 */
export type FinishReason = 'completed' | 'aborted' | 'error' | 'superseded';

/** What `onFinish` hears, once per run. */
export interface GenerationOutcome {
  result: ImageGenerationResult | undefined;
  reason: FinishReason;
  error: LunosImageError | undefined;
  /** The id `generate` returned for this run. */
  runId: number;
  /** The very object given to `generate`. */
  variables: GenerateImageVariables;
  /** From the start of this run to its end. */
  elapsedMs: number;
  /** Body bytes this run received (0: the provider had not answered yet). */
  bytesReceived: number;
}

export interface GenerationCallbacks {
  onImage?: (image: GeneratedImage, index: number) => void;
  /** A preview of the image of slot `index` (the `partialIndex`th). */
  onPartialImage?: (image: GeneratedImage, index: number, partialIndex: number) => void;
  onTextDelta?: (text: string) => void;
  onEvent?: (event: ImageStreamEvent) => void;
  /**
   * Every run ends here once: completed, aborted (stopped, unobserved), failed, or superseded by
   * a newer run. `runId` is what `generate` returned for it.
   */
  onFinish?: (outcome: GenerationOutcome) => void;
  onError?: (
    error: LunosImageError,
    run: { runId: number; variables: GenerateImageVariables },
  ) => void;
}

export interface GenerationStoreOptions extends GenerationCallbacks {
  /** Stream the answer (default) or wait for it whole. */
  stream?: boolean;
  /** Publish at most one snapshot per interval while streaming; the final state is never delayed. */
  throttleMs?: number;
  /** Per-call options (signal excluded: use `stop()`), e.g. a timeout or the model's catalog entry. */
  callOptions?: Omit<CallOptions, 'signal'>;
  /** Stop the run when the last subscriber leaves (a component unmounted). Default true. */
  stopWhenUnobserved?: boolean;
}

const IDLE: GenerationSnapshot = Object.freeze({
  status: 'idle',
  runId: 0,
  variables: undefined,
  text: '',
  images: Object.freeze([]) as readonly GeneratedImage[],
  partials: Object.freeze([]) as readonly (PartialImage | undefined)[],
  slots: Object.freeze([]) as readonly ImageSlot[],
  usage: undefined,
  error: undefined,
  finishReason: null,
  nativeFinishReason: null,
  result: undefined,
  bytesReceived: 0,
  startedAt: undefined,
  elapsedMs: 0,
});

const noop = () => {};

const TERMINAL = new Set<GenerationStatus>(['success', 'error', 'aborted']);

/**
 * The state of image generations for one consumer (a component, a view model): a run state
 * machine with immutable snapshots. A newer `generate` supersedes a running one, which is aborted
 * and can never write again; notifications are batched per network read and optionally throttled.
 */
export class GenerationStore extends Subscribable {
  readonly #client: LunosImageClient;
  #options: GenerationStoreOptions;
  #snapshot: GenerationSnapshot = IDLE;
  /** What the next notification publishes; the snapshot lags it while throttled. */
  #pending: GenerationSnapshot = IDLE;
  /** The run in flight; stopping it is `abort()` on it (its one signal). */
  #stream: ImageStream | undefined;
  #throttleTimer: ReturnType<typeof setTimeout> | undefined;
  #lastPublish = 0;

  constructor(client: LunosImageClient, options: GenerationStoreOptions = {}) {
    super();
    this.#client = client;
    this.#options = options;
    this.getSnapshot = this.getSnapshot.bind(this);
    this.getServerSnapshot = this.getServerSnapshot.bind(this);
    this.generate = this.generate.bind(this);
    this.generateAsync = this.generateAsync.bind(this);
    this.stop = this.stop.bind(this);
    this.reset = this.reset.bind(this);
  }

  /** Change options (callbacks, throttle) without touching a running generation. */
  setOptions(options: GenerationStoreOptions): void {
    this.#options = options;
  }

  getSnapshot(): GenerationSnapshot {
    return this.#snapshot;
  }

  /** The server renders the idle state: nothing runs during SSR. */
  getServerSnapshot(): GenerationSnapshot {
    return IDLE;
  }

  /** True while a run is in flight. */
  get running(): boolean {
    return this.#stream !== undefined;
  }

  /**
   * Starts a run, aborting the one in flight (which ends as `superseded` and never writes
   * again), and returns its id (`runId` in the snapshot and in `onFinish`). How it ends goes to
   * the snapshot and the callbacks; it never throws.
   */
  generate(variables: GenerateImageVariables): number {
    const { runId, result } = this.#start(variables);
    result.catch(noop);
    return runId;
  }

  /**
   * Like `generate`, resolving with the result; rejects with the typed error (also put in the
   * snapshot), or `AbortError` when stopped or superseded.
   */
  generateAsync(variables: GenerateImageVariables): Promise<ImageGenerationResult> {
    return this.#start(variables).result;
  }

  /** The synchronous part of a run (supersede, send, `submitted`), then its stream driven. */
  #start(variables: GenerateImageVariables): {
    runId: number;
    result: Promise<ImageGenerationResult>;
  } {
    if (this.#stream) {
      const superseded = this.#pending;
      const error = new AbortError('Superseded by a newer generation');
      this.#stream.abort(error);
      this.#stream = undefined;
      this.#ended(superseded, { result: undefined, reason: 'superseded', error });
    }
    const options = this.#options;
    const stream = this.#client.streamImage(
      { ...variables, stream: variables.stream ?? options.stream ?? true },
      options.callOptions,
    );
    this.#stream = stream;
    const runId = this.#pending.runId + 1;
    this.#write(
      {
        ...IDLE,
        status: 'submitted',
        runId,
        variables,
        slots: stream.soFar.slots,
        startedAt: Date.now(),
      },
      true,
    );
    return { runId, result: this.#drive(stream, variables) };
  }

  async #drive(
    stream: ImageStream,
    variables: GenerateImageVariables,
  ): Promise<ImageGenerationResult> {
    const isCurrent = () => this.#stream === stream;
    try {
      for await (const batch of stream.batches()) {
        if (!isCurrent()) break;
        // The last batch (a whole non-streamed answer, or the tail of a stream) is published
        // together with `success`, not as a `streaming` state of its own.
        this.#apply(batch, stream, !batch.some((e) => e.type === 'finish'));
      }
      const result = await stream.result();
      this.#finish(stream, {
        status: 'success',
        result,
        text: result.text,
        images: result.images,
        partials: IDLE.partials,
        slots: result.slots,
        usage: result.usage,
        finishReason: result.finishReason,
        nativeFinishReason: result.nativeFinishReason,
      });
      this.#ended(this.#pending, { result, reason: 'completed', error: undefined });
      return result;
    } catch (thrown) {
      const error = toLunosImageError(thrown);
      if (isCurrent()) {
        const aborted = AbortError.isInstance(error);
        this.#finish(stream, {
          status: aborted ? 'aborted' : 'error',
          error,
          slots: settleImageSlots(this.#pending.slots, error),
        });
        const run = this.#pending;
        if (!aborted) this.#options.onError?.(error, { runId: run.runId, variables });
        this.#ended(run, { result: undefined, reason: aborted ? 'aborted' : 'error', error });
      }
      throw error;
    }
  }

  /** Aborts the run in flight; the state ends in `aborted` and nothing of that run arrives later. */
  stop(reason: unknown = 'Stopped'): void {
    const stream = this.#stream;
    if (!stream) return;
    const error = new AbortError(reason);
    stream.abort(error);
    this.#finish(stream, {
      status: 'aborted',
      error,
      slots: settleImageSlots(this.#pending.slots, error),
    });
    this.#ended(this.#pending, { result: undefined, reason: 'aborted', error });
  }

  /** Stops any run and returns to `idle` (the run counter keeps counting). */
  reset(): void {
    this.stop('Reset');
    this.#write({ ...IDLE, runId: this.#pending.runId }, true);
  }

  protected override onUnobserved(): void {
    if (this.#options.stopWhenUnobserved === false) return;
    this.stop('No one is watching this generation any more');
  }

  #ended(
    run: GenerationSnapshot,
    outcome: Pick<GenerationOutcome, 'result' | 'reason' | 'error'>,
  ): void {
    if (!run.variables) return;
    this.#options.onFinish?.({
      ...outcome,
      runId: run.runId,
      variables: run.variables,
      elapsedMs: run.startedAt === undefined ? 0 : Date.now() - run.startedAt,
      bytesReceived: run.bytesReceived,
    });
  }

  /**
   * A batch the stream has folded: its status changes and callbacks, and the stream's totals so
   * far (the stream throws an in-band error right after).
   */
  #apply(
    batch: readonly ImageStreamEvent[],
    stream: Pick<ImageStream, 'bytesReceived' | 'soFar'>,
    publish: boolean,
  ): void {
    const s = this.#pending;
    let status = s.status;
    const o = this.#options;
    for (const event of batch) {
      o.onEvent?.(event);
      if (event.type === 'processing' && status === 'submitted') status = 'processing';
      else if (event.type === 'text-delta') {
        status = 'streaming';
        o.onTextDelta?.(event.text);
      } else if (event.type === 'image') {
        status = 'streaming';
        o.onImage?.(event.image, event.index);
      } else if (event.type === 'partial-image') {
        status = 'streaming';
        o.onPartialImage?.(event.image, event.index, event.partialIndex);
      }
    }
    const { bytesReceived } = stream;
    if (status === 'submitted' && bytesReceived > 0) status = 'processing';
    const { text, usage, slots }: ImageRunSoFar = stream.soFar;
    // No image yet: keep the snapshot's empty list, so `images` changes identity only on an image.
    const images = stream.soFar.images.length === 0 ? s.images : stream.soFar.images;
    const partials = stream.soFar.partials.length === 0 ? s.partials : stream.soFar.partials;
    const next = { ...s, status, text, images, partials, slots, usage, bytesReceived };
    if (publish) this.#write(next, false);
    else this.#pending = next;
  }

  #finish(stream: ImageStream, patch: Partial<GenerationSnapshot>): void {
    if (this.#stream !== stream) return;
    this.#stream = undefined;
    this.#write({ ...this.#pending, ...patch }, true);
  }

  #write(next: GenerationSnapshot, immediate: boolean): void {
    const startedAt = next.startedAt;
    this.#pending = {
      ...next,
      elapsedMs: startedAt === undefined ? 0 : Date.now() - startedAt,
    };
    const throttleMs = this.#options.throttleMs ?? 0;
    const now = Date.now();
    if (
      immediate ||
      TERMINAL.has(this.#pending.status) ||
      throttleMs <= 0 ||
      now - this.#lastPublish >= throttleMs
    ) {
      this.#publish();
      return;
    }
    this.#throttleTimer ??= setTimeout(
      () => this.#publish(),
      throttleMs - (now - this.#lastPublish),
    );
  }

  #publish(): void {
    clearTimeout(this.#throttleTimer);
    this.#throttleTimer = undefined;
    this.#lastPublish = Date.now();
    if (this.#snapshot === this.#pending) return;
    this.#snapshot = Object.freeze(this.#pending);
    this.notify();
  }
}
