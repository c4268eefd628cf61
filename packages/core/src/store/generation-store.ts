import type { CallOptions, LunosImageClient } from '../client/create-lunos-image-client';
import type { ImageRunSoFar, ImageStream } from '../client/image-stream';
import { RateLimitError } from '../errors/api-error';
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
  /**
   * The route handler's job the run reads (`createLunosImageHandler({ jobs })`), once its answer
   * named it; undefined on a handler without jobs or the API itself. `resume(jobId)` reads it
   * again, after a reload too.
   */
  jobId: string | undefined;
  /**
   * The budget left in USD, as a route handler with `limits.spend` last said it: after a run's
   * reservation (`x-lunos-budget-remaining`), or in its 429 `budget_exceeded`
   * (`RateLimitError.remainingUsd`). It is the user's, not the run's: kept across runs and
   * `reset()`; undefined until an answer says it.
   */
  budget: number | undefined;
}

/** A running job as `jobStorage` keeps it: enough to resume it after a reload. */
export interface SavedJob {
  id: string;
  /** What the run was started with, when they could be kept. */
  variables?: GenerateImageVariables | undefined;
}

/**
 * Where a store keeps the id of the job its run reads, so another page load can resume it
 * (React's `useImageGeneration({ resume: 'session' })` keeps it in `sessionStorage`): saved
 * when the job id is known, cleared when the run ends (not when no one watches any more: then
 * the job goes on, to be resumed).
 */
export interface JobStorage {
  load(): SavedJob | undefined;
  save(job: SavedJob): void;
  clear(): void;
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
  /**
   * Keeps the running job's id (see `JobStorage`); `resumeSaved()` resumes it. With it, a run
   * left by its last subscriber stops reading but leaves its job running, to be resumed.
   */
  jobStorage?: JobStorage;
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
  jobId: undefined,
  budget: undefined,
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
  /** The job id `jobStorage` was given for the run in flight. */
  #savedJob: string | undefined;

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
    this.resume = this.resume.bind(this);
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

  /**
   * Starts a run that reads a job of the route handler (`client.resumeImage(jobId)`) from its
   * start: after a reload, the same text and images, then the rest live. A running run is
   * superseded as by `generate`. `variables`: what the job was started with, for the snapshot
   * and the callbacks (without them, `onFinish` and `onError` do not hear of this run).
   */
  resume(jobId: string, variables?: GenerateImageVariables): number {
    const { model: _, ...callOptions } = this.#options.callOptions ?? {};
    const { runId, result } = this.#begin(
      () => this.#client.resumeImage(jobId, callOptions),
      variables,
      jobId,
    );
    result.catch(noop);
    return runId;
  }

  /**
   * Resumes the job `jobStorage` kept (a reload happened while it ran), unless a run is in
   * flight; the run's id, or undefined when there was nothing to resume.
   */
  resumeSaved(): number | undefined {
    const saved = this.#options.jobStorage?.load();
    if (!saved || this.#stream) return undefined;
    return this.resume(saved.id, saved.variables);
  }

  /** The synchronous part of a run (supersede, send, `submitted`), then its stream driven. */
  #start(variables: GenerateImageVariables): {
    runId: number;
    result: Promise<ImageGenerationResult>;
  } {
    const options = this.#options;
    return this.#begin(
      () =>
        this.#client.streamImage(
          { ...variables, stream: variables.stream ?? options.stream ?? true },
          options.callOptions,
        ),
      variables,
      undefined,
    );
  }

  #begin(
    open: () => ImageStream,
    variables: GenerateImageVariables | undefined,
    jobId: string | undefined,
  ): { runId: number; result: Promise<ImageGenerationResult> } {
    if (this.#stream) {
      const superseded = this.#pending;
      const error = new AbortError('Superseded by a newer generation');
      this.#stream.abort(error);
      this.#stream = undefined;
      this.#options.jobStorage?.clear();
      this.#ended(superseded, { result: undefined, reason: 'superseded', error });
    }
    const stream = open();
    this.#stream = stream;
    this.#savedJob = undefined;
    const runId = this.#pending.runId + 1;
    this.#write(
      {
        ...IDLE,
        status: 'submitted',
        runId,
        variables,
        slots: stream.soFar.slots,
        startedAt: Date.now(),
        jobId,
        budget: this.#pending.budget,
      },
      true,
    );
    return { runId, result: this.#drive(stream, variables) };
  }

  async #drive(
    stream: ImageStream,
    variables: GenerateImageVariables | undefined,
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
      if (isCurrent()) this.#options.jobStorage?.clear();
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
        budget: stream.budgetRemainingUsd ?? this.#pending.budget,
      });
      this.#ended(this.#pending, { result, reason: 'completed', error: undefined });
      return result;
    } catch (thrown) {
      const error = toLunosImageError(thrown);
      if (isCurrent()) {
        const aborted = AbortError.isInstance(error);
        this.#options.jobStorage?.clear();
        this.#finish(stream, {
          status: aborted ? 'aborted' : 'error',
          error,
          slots: settleImageSlots(this.#pending.slots, error),
          budget:
            (RateLimitError.isInstance(error) ? error.remainingUsd : undefined) ??
            stream.budgetRemainingUsd ??
            this.#pending.budget,
        });
        const run = this.#pending;
        if (!aborted && variables) this.#options.onError?.(error, { runId: run.runId, variables });
        this.#ended(run, { result: undefined, reason: aborted ? 'aborted' : 'error', error });
      }
      throw error;
    }
  }

  /**
   * Aborts the run in flight, and the route handler's job it reads (`DELETE …/jobs/{id}`); the
   * state ends in `aborted` and nothing of that run arrives later.
   */
  stop(reason: unknown = 'Stopped'): void {
    this.#stop(reason, false);
  }

  /** `keepJob`: only this reader goes; the job runs on, its id kept in `jobStorage`. */
  #stop(reason: unknown, keepJob: boolean): void {
    const stream = this.#stream;
    if (!stream) return;
    const error = new AbortError(reason);
    stream.abort(error, { keepJob });
    if (!keepJob) this.#options.jobStorage?.clear();
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
    this.#write({ ...IDLE, runId: this.#pending.runId, budget: this.#pending.budget }, true);
  }

  protected override onUnobserved(): void {
    if (this.#options.stopWhenUnobserved === false) return;
    // With jobStorage, a page that unloads or a view that leaves keeps the job for later.
    this.#stop('No one is watching this generation any more', !!this.#options.jobStorage);
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
    stream: Pick<ImageStream, 'bytesReceived' | 'soFar' | 'jobId' | 'budgetRemainingUsd'>,
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
    const jobId = stream.jobId ?? s.jobId;
    const budget = stream.budgetRemainingUsd ?? s.budget;
    if (status === 'submitted' && bytesReceived > 0) status = 'processing';
    if (jobId !== undefined && this.#savedJob !== jobId) {
      this.#savedJob = jobId;
      this.#options.jobStorage?.save({ id: jobId, variables: s.variables });
    }
    const { text, usage, slots }: ImageRunSoFar = stream.soFar;
    // No image yet: keep the snapshot's empty list, so `images` changes identity only on an image.
    const images = stream.soFar.images.length === 0 ? s.images : stream.soFar.images;
    const partials = stream.soFar.partials.length === 0 ? s.partials : stream.soFar.partials;
    const next = {
      ...s,
      status,
      text,
      images,
      partials,
      slots,
      usage,
      bytesReceived,
      jobId,
      budget,
    };
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
