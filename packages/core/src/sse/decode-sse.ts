import { createSseParser, type SseParserOptions } from './create-sse-parser';
import type { SseItem } from './sse-item';

export type SseSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | string;

function isReadableStream(source: SseSource): source is ReadableStream<Uint8Array> {
  return typeof (source as Partial<ReadableStream>).getReader === 'function';
}

/**
 * Decodes a `text/event-stream` into `SseItem`s: from a response body, any async iterable of
 * bytes or text, or a whole string. Items come out as soon as their line ends arrive; breaking
 * out of the loop cancels a `ReadableStream` source (and so the request behind it).
 *
 * ```ts
 * for await (const item of decodeSse(response.body)) {
 *   if (item.type === 'event') console.log(item.data);
 * }
 * ```
 */
export async function* decodeSse(
  source: SseSource,
  options: SseParserOptions = {},
): AsyncGenerator<SseItem, void, undefined> {
  let queue: SseItem[] = [];
  const parser = createSseParser((item) => queue.push(item), options);
  // Hands out what one chunk produced; swapping arrays instead of shift() keeps it O(1) per item.
  function take(): SseItem[] {
    const items = queue;
    queue = [];
    return items;
  }
  // Items parsed before a failure (an oversized event) still reach the consumer, then the error.
  function* feed(chunk: Uint8Array | string): Generator<SseItem, void, undefined> {
    try {
      parser.feed(chunk);
    } catch (error) {
      yield* take();
      throw error;
    }
    if (queue.length > 0) yield* take();
  }
  if (typeof source === 'string') {
    yield* feed(source);
    parser.end();
    return;
  }
  if (!isReadableStream(source)) {
    for await (const chunk of source) yield* feed(chunk);
    parser.end();
    return;
  }
  // A reader rather than `for await` on the stream: Safari's ReadableStream is not iterable.
  const reader = source.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* feed(value);
    }
    finished = true;
    parser.end();
  } finally {
    if (finished) reader.releaseLock();
    // Stopped early (break, return, or an error): the rest of the body is not wanted.
    else await reader.cancel().catch(() => {});
  }
}
