import { describe, expect, it } from 'vitest';
import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { decodeSseBatches } from './decode-sse-batches';
import type { SseItem } from './sse-item';

async function* reads(...chunks: string[]) {
  for (const chunk of chunks) yield chunk;
}

async function collect(iterator: AsyncIterable<SseItem[]>) {
  const batches: string[][] = [];
  for await (const batch of iterator) {
    batches.push(batch.map((item) => (item.type === 'event' ? item.data : item.type)));
  }
  return batches;
}

describe('decodeSseBatches', () => {
  it('hands out the items of each read together, and skips reads that complete none', async () => {
    const batches = await collect(
      decodeSseBatches(reads('data: 1\n\ndata: 2\n\n', 'data: 3', '\n\n', ': ping\n\n')),
    );
    expect(batches).toEqual([['1', '2'], ['3'], ['comment']]);
  });

  it('a whole string is one batch', async () => {
    expect(await collect(decodeSseBatches('data: a\n\ndata: b\n\n'))).toEqual([['a', 'b']]);
  });

  it('gives the items before an oversized event, then its typed error', async () => {
    const iterator = decodeSseBatches(reads(`data: ok\n\ndata: ${'x'.repeat(100)}\n\n`), {
      maxEventBytes: 50,
    });
    expect((await iterator.next()).value).toHaveLength(1);
    await expect(iterator.next()).rejects.toBeInstanceOf(SseEventTooLargeError);
  });

  it('reads once per pending next(), in order, even when next() is called without waiting', async () => {
    let pulls = 0;
    const source = {
      async *[Symbol.asyncIterator]() {
        for (const chunk of ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']) {
          pulls++;
          yield chunk;
        }
      },
    };
    const iterator = decodeSseBatches(source);
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    expect(results.map((r) => (r.value as SseItem[])[0])).toMatchObject([
      { data: '1' },
      { data: '2' },
      { data: '3' },
    ]);
    expect(pulls).toBe(3);
  });
});
