import { describe, expect, it } from 'vitest';
import { SseEventTooLargeError } from '../errors/sse-event-too-large-error';
import { SseDecoderStream } from './sse-decoder-stream';
import type { SseItem } from './sse-item';

const encoder = new TextEncoder();

function source(chunks: (Uint8Array | string)[]): ReadableStream<Uint8Array | string> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<SseItem>): Promise<SseItem[]> {
  const items: SseItem[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return items;
    items.push(value);
  }
}

describe('SseDecoderStream', () => {
  it('turns bytes and text into items, CRLF and UTF-8 split between chunks', async () => {
    const bytes = encoder.encode('data: é\r\n\r\n');
    const chunks = [
      bytes.subarray(0, 7),
      bytes.subarray(7, 9),
      bytes.subarray(9),
      'retry: 10\n',
      ': hi\n',
      'data: b\n',
    ];
    expect(await readAll(source(chunks).pipeThrough(new SseDecoderStream()))).toEqual([
      { type: 'event', event: 'message', data: 'é', id: '' },
      { type: 'retry', retry: 10 },
      { type: 'comment', comment: ' hi' },
      // 'data: b' never got its blank line: discarded at the end of the stream.
    ]);
  });

  it('errors the stream with SseEventTooLargeError past maxEventBytes', async () => {
    const stream = source(['data: ', 'x'.repeat(50), 'x'.repeat(50)]).pipeThrough(
      new SseDecoderStream({ maxEventBytes: 64 }),
    );
    await expect(readAll(stream)).rejects.toSatisfy((error) =>
      SseEventTooLargeError.isInstance(error),
    );
  });
});
