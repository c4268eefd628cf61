import type { SseParserOptions } from './create-sse-parser';
import { decodeSseBatches, type SseSource } from './decode-sse-batches';
import { oneAtATime } from './one-at-a-time';
import type { SseItem } from './sse-item';

export type { SseSource } from './decode-sse-batches';

/**
 * Decodes a `text/event-stream` into `SseItem`s: from a response body, any async iterable of
 * bytes or text, or a whole string. Items come out as soon as their line ends arrive; breaking
 * out of the loop cancels the source (and so the request behind it). An event over
 * `maxEventBytes` ends the iteration with an `SseEventTooLargeError` after the items before it.
 *
 * ```ts
 * for await (const item of decodeSse(response.body)) {
 *   if (item.type === 'event') console.log(item.data);
 * }
 * ```
 *
 * The items of each read (`decodeSseBatches`) are handed out as already-settled promises, without
 * a generator's extra awaits per item, which on 50,000 small events is most of the cost.
 */
export function decodeSse(
  source: SseSource,
  options: SseParserOptions = {},
): AsyncIterableIterator<SseItem> {
  const batches = decodeSseBatches(source, options);
  let batch: SseItem[] = [];
  let next = 0;
  function take(): IteratorResult<SseItem> | undefined {
    if (next >= batch.length) return undefined;
    return { done: false, value: batch[next++]! };
  }

  // A batch being read: a further next() waits for it, so items keep their order.
  const readOrTake = oneAtATime(async (): Promise<IteratorResult<SseItem>> => {
    const ready = take();
    if (ready) return ready;
    const result = await batches.next();
    if (result.done) return { done: true, value: undefined };
    batch = result.value;
    next = 0;
    return take()!;
  });

  const iterator: AsyncIterableIterator<SseItem> = {
    next() {
      // Items already read are handed out at once, without queueing.
      const ready = readOrTake.busy() ? undefined : take();
      return ready ? Promise.resolve(ready) : readOrTake();
    },
    async return() {
      batch = [];
      next = 0;
      await batches.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
