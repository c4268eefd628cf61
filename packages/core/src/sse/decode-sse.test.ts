import { describe, expect, it, vi } from 'vitest';
import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { decodeBase64, encodeBase64 } from '../image/base64';
import { decodeSse } from './decode-sse';
import type { SseItem } from './sse-item';

const encoder = new TextEncoder();

function streamOf(bytes: Uint8Array, readSize: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(at, at + readSize));
      at += readSize;
    },
  });
}

async function collect(items: AsyncIterable<SseItem>): Promise<SseItem[]> {
  const out: SseItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Deterministic bytes that are no repetition: a base64 slip anywhere changes the result. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const body = ': OPENROUTER PROCESSING\n\ndata: {"a":1}\n\nevent: done\ndata: [DONE]\n\n';
const expected: SseItem[] = [
  { type: 'comment', comment: ' OPENROUTER PROCESSING' },
  { type: 'event', event: 'message', data: '{"a":1}', id: '' },
  { type: 'event', event: 'done', data: '[DONE]', id: '' },
];

describe('decodeSse', () => {
  it('decodes a ReadableStream, an async iterable of bytes or text, and a string alike', async () => {
    const bytes = encoder.encode(body);
    async function* pieces() {
      yield bytes.subarray(0, 10);
      yield new TextDecoder().decode(bytes.subarray(10, 30));
      yield bytes.subarray(30);
    }
    expect(await collect(decodeSse(streamOf(bytes, 7)))).toEqual(expected);
    expect(await collect(decodeSse(pieces()))).toEqual(expected);
    expect(await collect(decodeSse(body))).toEqual(expected);
  });

  it('cancels a ReadableStream when the consumer stops early', async () => {
    const cancel = vi.fn();
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: x\n\n'));
      },
      cancel,
    });
    let seen = 0;
    for await (const item of decodeSse(source)) {
      expect(item.type).toBe('event');
      if (++seen === 3) break;
    }
    expect(cancel).toHaveBeenCalledOnce();
  });

  it('delivers the items before an oversized event, then throws the typed error and cancels', async () => {
    const cancel = vi.fn();
    let sent = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) controller.enqueue(encoder.encode(`data: ok\n\ndata: ${'x'.repeat(200)}`));
        sent = true;
      },
      cancel,
    });
    const seen: SseItem[] = [];
    await expect(async () => {
      for await (const item of decodeSse(source, { maxEventBytes: 100 })) seen.push(item);
    }).rejects.toThrow(SseEventTooLargeError);
    expect(seen).toEqual([{ type: 'event', event: 'message', data: 'ok', id: '' }]);
    expect(cancel).toHaveBeenCalledOnce();
  });

  it('serves next() calls made without waiting, in order', async () => {
    const iterator = decodeSse(streamOf(encoder.encode(body), 3));
    const results = await Promise.all([
      iterator.next(),
      iterator.next(),
      iterator.next(),
      iterator.next(),
    ]);
    expect(results).toEqual([
      ...expected.map((value) => ({ done: false, value })),
      { done: true, value: undefined },
    ]);
  });

  it('passes on an error of the source', async () => {
    let pulls = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encoder.encode('data: a\n\n'));
        else controller.error(new Error('connection reset'));
      },
    });
    const seen: SseItem[] = [];
    await expect(async () => {
      for await (const item of decodeSse(source)) seen.push(item);
    }).rejects.toThrow('connection reset');
    expect(seen).toHaveLength(1);
  });

  it('closes an async iterable source when the consumer stops or the parser fails', async () => {
    let closed = 0;
    async function* source() {
      try {
        for (;;) yield 'data: x\n\ndata: yyyyyyyyyyyyyyyyyyyyyyyyy';
      } finally {
        closed++;
      }
    }
    for await (const _ of decodeSse(source())) break;
    expect(closed).toBe(1);
    await expect(collect(decodeSse(source(), { maxEventBytes: 20 }))).rejects.toThrow(
      SseEventTooLargeError,
    );
    expect(closed).toBe(2);
  });

  it('decodes a 30 MB image line in 64 KiB and in odd-sized reads, byte for byte', async () => {
    const image = pseudoRandomBytes(22_500_000, 42);
    const url = `data:image/png;base64,${encodeBase64(image)}`;
    const json = `{"choices":[{"index":0,"delta":{"images":[{"type":"image_url","image_url":{"url":"${url}"},"index":0}]}}]}`;
    expect(json.length).toBeGreaterThan(30_000_000);
    const wire = encoder.encode(`: OPENROUTER PROCESSING\n\ndata: ${json}\r\n\r\ndata: [DONE]\n\n`);
    for (const readSize of [65_536, 1021]) {
      const items = await collect(decodeSse(streamOf(wire, readSize)));
      expect(items.map((item) => item.type)).toEqual(['comment', 'event', 'event']);
      const imageEvent = items[1] as Extract<SseItem, { type: 'event' }>;
      // Compared as booleans: a failing diff of two 30 MB strings would drown the report.
      expect(imageEvent.data.length).toBe(json.length);
      expect(imageEvent.data === json).toBe(true);
      const decodedUrl = JSON.parse(imageEvent.data).choices[0].delta.images[0].image_url
        .url as string;
      const bytes = decodeBase64(decodedUrl.slice(decodedUrl.indexOf(',') + 1));
      expect(firstDifference(bytes, image)).toBe(-1);
    }
  }, 60_000);
});
