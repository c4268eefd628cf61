import { createSseParser, type SseParserOptions } from './create-sse-parser';
import { oneAtATime } from './one-at-a-time';
import type { SseItem } from './sse-item';

export type SseSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | string;

type ChunkReader = {
  /** The next chunk (the source's own result object: no extra promise per read). */
  read(): Promise<IteratorResult<Uint8Array | string, unknown>>;
  /** Stops the source early (the consumer broke out, or the stream failed). */
  cancel(): Promise<void>;
  /** Lets go of the source after its natural end. */
  release(): void;
};

function isReadableStream(source: SseSource): source is ReadableStream<Uint8Array> {
  return typeof (source as Partial<ReadableStream>).getReader === 'function';
}

function readerOf(source: Exclude<SseSource, string>): ChunkReader {
  if (isReadableStream(source)) {
    // A reader rather than `for await` on the stream: Safari's ReadableStream is not iterable.
    const reader = source.getReader();
    return {
      read: () => reader.read() as Promise<IteratorResult<Uint8Array, unknown>>,
      cancel: () => reader.cancel().catch(() => {}),
      release: () => reader.releaseLock(),
    };
  }
  const iterator = source[Symbol.asyncIterator]();
  return {
    read: () => iterator.next(),
    cancel: async () => {
      await iterator.return?.();
    },
    release: () => {},
  };
}

const finished: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The one loop that drives the SSE parser: reads the source and hands out, per network read, the
 * items that read completed (reads that complete none are not reported). `decodeSse` flattens
 * these batches into items; the client interprets each batch at once, so a UI renders once per
 * read rather than once per event. An error in the stream (an event over `maxEventBytes`) comes
 * after the items before it; a failed read rejects as it failed. Leaving early (`return()`)
 * cancels the source, and with it the request behind it.
 *
 * A hand-written iterator rather than an async generator: it is pulled once per read, and a
 * generator's extra awaits per read are a measurable share of decoding a 20,000-read image line.
 */
export function decodeSseBatches(
  source: SseSource,
  options: SseParserOptions = {},
): AsyncIterableIterator<SseItem[]> {
  let batch: SseItem[] = [];
  const parser = createSseParser((item) => batch.push(item), options);
  let reader: ChunkReader | undefined;
  let done = false;
  let failure: { error: unknown } | undefined;

  if (typeof source === 'string') {
    try {
      parser.feed(source);
      parser.end();
    } catch (error) {
      failure = { error };
    }
    done = true;
  } else {
    reader = readerOf(source);
  }

  async function pull(): Promise<IteratorResult<SseItem[]>> {
    for (;;) {
      if (batch.length > 0) {
        const value = batch;
        batch = [];
        return { done: false, value };
      }
      if (failure) {
        const { error } = failure;
        failure = undefined;
        throw error;
      }
      if (done) return finished;
      let result: IteratorResult<Uint8Array | string, unknown>;
      try {
        result = await reader!.read();
      } catch (error) {
        done = true;
        throw error;
      }
      if (result.done) {
        done = true;
        reader!.release();
        parser.end();
        continue;
      }
      try {
        parser.feed(result.value);
      } catch (error) {
        // Items before the failure are still handed out first; the source is not wanted any more.
        failure = { error };
        done = true;
        await reader!.cancel();
      }
    }
  }

  const iterator: AsyncIterableIterator<SseItem[]> = {
    // A read in progress: a further next() waits for it instead of reading in parallel.
    next: oneAtATime(pull),
    async return() {
      if (!done) {
        done = true;
        batch = [];
        await reader?.cancel();
      }
      return finished;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
