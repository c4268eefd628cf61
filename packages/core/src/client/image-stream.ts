import { AbortError } from '../errors/transport-errors';
import { ImageResultAccumulator } from '../stream/fold-image-stream';
import type { ImageGenerationResult } from '../stream/image-generation-result';
import type { ImageStreamEvent } from '../stream/image-stream-event';

/** What a run reports besides its events, for progress displays. */
export interface ImageStreamProgress {
  /** Body bytes received so far. */
  bytesReceived: number;
}

type TBatches = (
  progress: ImageStreamProgress,
) => AsyncGenerator<ImageStreamEvent[], void, undefined>;

type TOutcome = { ok: true; value: ImageGenerationResult } | { ok: false; error: unknown };

/**
 * The events of one generation. Iterate it once (`for await`); leaving the loop early aborts the
 * request. `result()` resolves to the folded `ImageGenerationResult` (draining the stream itself
 * if nobody iterates). `batches()` yields the events of each network read together, so a UI can
 * render once per read.
 */
export class ImageStream implements AsyncIterable<ImageStreamEvent> {
  readonly #produce: TBatches;
  readonly #controller: AbortController;
  readonly #accumulator = new ImageResultAccumulator();
  readonly #progress: ImageStreamProgress = { bytesReceived: 0 };
  readonly #waiters: Array<(outcome: TOutcome) => void> = [];
  #started = false;
  #outcome: TOutcome | undefined;

  /** @internal Built by the client. */
  constructor(produce: TBatches, controller: AbortController) {
    this.#produce = produce;
    this.#controller = controller;
  }

  /** Body bytes received so far. */
  get bytesReceived(): number {
    return this.#progress.bytesReceived;
  }

  /** Aborts the request; iteration and `result()` reject with `AbortError` carrying `reason`. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  async *batches(): AsyncGenerator<ImageStreamEvent[], void, undefined> {
    if (this.#started) throw new TypeError('An ImageStream can be consumed only once');
    this.#started = true;
    let completed = false;
    try {
      for await (const batch of this.#produce(this.#progress)) {
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
        // The consumer left the loop early: stop the request, and tell result() why.
        const error = new AbortError('The stream was closed before it finished');
        this.#controller.abort(error);
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
    const signal = this.#controller.signal;
    if (!signal.aborted) return;
    const error = AbortError.isInstance(signal.reason)
      ? signal.reason
      : new AbortError(signal.reason);
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
