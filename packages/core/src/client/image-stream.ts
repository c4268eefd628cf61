import { AbortError } from '../errors/transport-errors';
import type { GeneratedImage } from '../image/generated-image';
import type { ImageGenerationResult } from '../stream/image-generation-result';
import { ImageResultAccumulator, type PartialImage } from '../stream/image-result-accumulator';
import type { ImageSlot } from '../stream/image-slot';
import type { ImageStreamEvent, ImageUsage } from '../stream/image-stream-event';
import type { RunSignal } from './run-signal';

/** What a run has produced so far, read while it streams (a progress display, a store). */
export interface ImageRunSoFar {
  readonly text: string;
  /** By index; an index not filled yet is a hole until its image arrives. */
  readonly images: readonly GeneratedImage[];
  /** The latest preview of each slot whose image has not arrived yet (Images API streams). */
  readonly partials: readonly (PartialImage | undefined)[];
  /** Where each image asked for stands: waiting, previewing, done or failed. */
  readonly slots: readonly ImageSlot[];
  readonly usage: ImageUsage | undefined;
}

/** A run's events, one batch per network read, produced lazily when first pulled (once). */
export type ImageEventSource = AsyncIterable<ImageStreamEvent[]>;

type TOutcome = { ok: true; value: ImageGenerationResult } | { ok: false; error: unknown };

/**
 * The events of one generation. Iterate it once (`for await`); leaving the loop early aborts the
 * request. `result()` resolves to the folded `ImageGenerationResult` (draining the stream itself
 * if nobody iterates). `batches()` yields the events of each network read together, so a UI can
 * render once per read; `soFar` is what they add up to.
 *
 * It pulls from an event source and owns nothing else but the run's one `RunSignal`: stopping
 * (abort, leaving early) goes through it, and the source sees it on its next read.
 */
export class ImageStream implements AsyncIterable<ImageStreamEvent> {
  readonly #source: ImageEventSource;
  readonly #run: RunSignal;
  readonly #accumulator: ImageResultAccumulator;
  readonly #waiters: Array<(outcome: TOutcome) => void> = [];
  #started = false;
  #outcome: TOutcome | undefined;

  /** @internal Built by the client; `slots`: the images asked for (`n`). */
  constructor(source: ImageEventSource, run: RunSignal, slots?: number) {
    this.#source = source;
    this.#run = run;
    this.#accumulator = new ImageResultAccumulator({ slots });
  }

  /** Body bytes received so far (a job's images fetched by URL included). */
  get bytesReceived(): number {
    return this.#run.bytesReceived;
  }

  /**
   * The id of the route handler's job this run reads (`x-lunos-job-id`), once its answer named
   * it; undefined for an answer that is no job (the API itself, a handler without `jobs`).
   * `resumeImage(jobId)` reads the job again, from its start, after a reload.
   */
  get jobId(): string | undefined {
    return this.#run.jobId;
  }

  /**
   * The budget left in USD, as a route handler with `limits.spend` answers it
   * (`x-lunos-budget-remaining`, after this generation's reservation) once the answer's headers
   * came; undefined when the answer does not say (no `spend`, the API itself).
   */
  get budgetRemainingUsd(): number | undefined {
    return this.#run.budgetRemainingUsd;
  }

  /** How many times the connection dropped and the run reconnected to its job, going on where it was. */
  get resumeCount(): number {
    return this.#run.resumeCount;
  }

  /** Text, images and usage of the batches delivered so far (the one fold of this run). */
  get soFar(): ImageRunSoFar {
    return this.#accumulator;
  }

  /**
   * Aborts the request; iteration and `result()` reject with `AbortError` carrying `reason`. The
   * job it reads on a route handler with jobs is stopped too (`DELETE …/jobs/{id}`), unless
   * `keepJob`: then the job runs on, to be read again with `resumeImage(stream.jobId)`.
   */
  abort(reason?: unknown, options?: { keepJob?: boolean }): void {
    this.#run.abort(AbortError.isInstance(reason) ? reason : new AbortError(reason), options);
  }

  async *batches(): AsyncGenerator<ImageStreamEvent[], void, undefined> {
    if (this.#started) throw new TypeError('An ImageStream can be consumed only once');
    this.#started = true;
    let completed = false;
    try {
      for await (const batch of this.#source) {
        for (const event of batch) {
          if (event.type !== 'error') this.#accumulator.add(event);
        }
        yield batch;
        this.#throwIfAborted();
        const failed = batch.find((e) => e.type === 'error');
        if (failed?.type === 'error') throw failed.error;
      }
      this.#throwIfAborted();
      completed = true;
      this.#settle(this.#fold());
    } catch (error) {
      this.#settle({ ok: false, error });
      throw error;
    } finally {
      if (!completed && !this.#outcome) {
        // The consumer left the loop early: stop the request, and tell result() why (a reason
        // already given, such as a newer run superseding this one, wins).
        const error =
          this.#run.reason ?? new AbortError('The stream was closed before it finished');
        this.#run.abort(error);
        this.#settle({ ok: false, error });
      }
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ImageStreamEvent, void, undefined> {
    for await (const batch of this.batches()) {
      for (const event of batch) {
        // The rest of the answer may have come in the same network read: abort() still wins.
        this.#throwIfAborted();
        yield event;
      }
    }
  }

  /** The folded result; drains the stream if it is not being iterated. */
  result(): Promise<ImageGenerationResult> {
    if (!this.#started) {
      void (async () => {
        try {
          for await (const _ of this.batches());
        } catch {
          // Settled inside batches().
        }
      })();
    }
    return new Promise((resolve, reject) => {
      const deliver = (outcome: TOutcome) =>
        outcome.ok ? resolve(outcome.value) : reject(outcome.error);
      if (this.#outcome) deliver(this.#outcome);
      else this.#waiters.push(deliver);
    });
  }

  /** After abort(), nothing more is delivered and the run does not resolve as a success. */
  #throwIfAborted(): void {
    const error = this.#run.reason;
    if (!error) return;
    this.#settle({ ok: false, error });
    throw error;
  }

  #fold(): TOutcome {
    try {
      return { ok: true, value: this.#accumulator.result() };
    } catch (error) {
      return { ok: false, error };
    }
  }

  #settle(outcome: TOutcome): void {
    if (this.#outcome) return;
    this.#outcome = outcome;
    for (const waiter of this.#waiters.splice(0)) waiter(outcome);
  }
}
