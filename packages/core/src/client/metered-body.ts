import { ResponseTooLargeError } from '../errors/response-too-large-error';
import type { RunSignal } from './run-signal';

export interface MeteredBodyOptions {
  /** Past this many decoded bytes the body is cancelled and the read fails. */
  maxBytes: number;
  /** A read already made (the first one, made while deciding not to retry). */
  first?: ReadableStreamReadResult<Uint8Array> | undefined;
  /** The call the body belongs to: checked and told of every read. None for an error body. */
  run?: RunSignal | undefined;
  /** How a failed read is described (`The stream broke: …`). */
  what?: string;
}

/**
 * An answer body as async-iterable chunks, each counted on the decoded bytes as they arrive (what
 * `fetch` hands over after gzip/br, so a compression bomb trips the limit too) and refused past
 * `maxBytes`: the answer is never held beyond the limit plus one network read. With a run, every
 * read first checks it was not stopped, notes the activity (the idle limit) and counts the bytes,
 * and a failed read becomes the run's typed error. Leaving early (`return()`) cancels the body.
 *
 * A plain iterator object, not an async generator: it is pulled once per network read, thousands
 * of times for one image.
 */
export class MeteredBody implements AsyncIterableIterator<Uint8Array> {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #options: MeteredBodyOptions;
  #first: ReadableStreamReadResult<Uint8Array> | undefined;
  #received = 0;

  constructor(reader: ReadableStreamDefaultReader<Uint8Array>, options: MeteredBodyOptions) {
    this.#reader = reader;
    this.#options = options;
    this.#first = options.first;
  }

  async next(): Promise<IteratorResult<Uint8Array, undefined>> {
    const { run } = this.#options;
    let read = this.#first;
    this.#first = undefined;
    if (!read) {
      try {
        read = await this.#reader.read();
      } catch (thrown) {
        throw run ? run.toError(thrown, this.#options.what) : thrown;
      }
    }
    // A body cancelled because the run stopped ends as if complete: it is not.
    run?.check();
    if (read.done) return { done: true, value: undefined };
    const bytes = read.value.byteLength;
    run?.activity(bytes);
    this.#received += bytes;
    if (this.#received > this.#options.maxBytes) {
      const error = new ResponseTooLargeError({
        limit: 'maxResponseBytes',
        max: this.#options.maxBytes,
        received: this.#received,
      });
      this.#reader.cancel(error).catch(() => {});
      throw error;
    }
    return read;
  }

  async return(): Promise<IteratorResult<Uint8Array, undefined>> {
    this.#first = undefined;
    this.#reader.cancel().catch(() => {});
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
