import { describe, expect, it } from 'vitest';
import { StreamError } from '../errors/stream-errors';
import { AbortError } from '../errors/transport-errors';
import { GeneratedImage } from '../image/generated-image';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { pngDataUrl } from '../test-utils/recorded-stream';
import { ImageStream } from './image-stream';
import { RunSignal } from './run-signal';
import { resolveTimeouts } from './timeouts';

const finish = { type: 'finish', reason: 'stop', id: 'gen-1' } as ImageStreamEvent;

/** A source that records how far it was pulled and whether it was closed. */
function source(batches: ImageStreamEvent[][], run: RunSignal) {
  const seen = { pulled: 0, closed: false };
  async function* events() {
    try {
      for (const batch of batches) {
        run.activity(100);
        seen.pulled++;
        yield batch;
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, events: events() };
}

function stream(batches: ImageStreamEvent[][]) {
  const run = new RunSignal(undefined, resolveTimeouts());
  const { seen, events } = source(batches, run);
  return { seen, run, stream: new ImageStream(events, run) };
}

const image = GeneratedImage.fromUrl(pngDataUrl);
const answer: ImageStreamEvent[][] = [
  [{ type: 'text-delta', text: 'Here ' }],
  [
    { type: 'text-delta', text: 'it is' },
    { type: 'image', image, index: 0 },
  ],
  [finish],
];

describe('ImageStream', () => {
  it('result() drains a stream nobody iterates, into the folded result', async () => {
    const { stream: s, seen } = stream(answer);
    const result = await s.result();
    expect(result).toMatchObject({ text: 'Here it is', id: 'gen-1', finishReason: 'stop' });
    expect(result.images).toEqual([image]);
    expect(seen.pulled).toBe(3);
    expect(s.bytesReceived).toBe(300);
  });

  it('batches() hands out each batch as it came, and soFar adds them up', async () => {
    const { stream: s } = stream(answer);
    const texts: string[] = [];
    for await (const batch of s.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      texts.push(s.soFar.text);
    }
    expect(texts).toEqual(['Here ', 'Here it is', 'Here it is']);
    expect(s.soFar.images).toEqual([image]);
  });

  it('is consumed once', async () => {
    const { stream: s } = stream(answer);
    await s.result();
    await expect(s.batches().next()).rejects.toThrow('consumed only once');
  });

  it('abort(reason) stops delivery at once, even within a batch, and result() says why', async () => {
    const { stream: s, seen, run } = stream(answer);
    const got: string[] = [];
    const iterate = (async () => {
      for await (const event of s) {
        got.push(event.type);
        if (event.type === 'text-delta' && event.text === 'it is') s.abort('user stop');
      }
    })();
    await expect(iterate).rejects.toSatisfy(
      (e) => AbortError.isInstance(e) && (e as AbortError).reason === 'user stop',
    );
    expect(got).toEqual(['text-delta', 'text-delta']);
    expect(seen.closed).toBe(true);
    expect(run.reason).toBeInstanceOf(AbortError);
    await expect(s.result()).rejects.toBe(run.reason);
  });

  it('leaving the loop early closes the source and stops the run', async () => {
    const { stream: s, seen, run } = stream(answer);
    for await (const _ of s) break;
    expect(seen.closed).toBe(true);
    expect(seen.pulled).toBe(1);
    expect(run.signal.aborted).toBe(true);
    await expect(s.result()).rejects.toThrow('closed before it finished');
  });

  it('a reason already on the run (a newer run superseding it) is the one result() gives', async () => {
    const { stream: s, run } = stream(answer);
    const superseded = new AbortError('Superseded by a newer generation');
    for await (const _ of s.batches()) {
      run.abort(superseded);
      break;
    }
    await expect(s.result()).rejects.toBe(superseded);
  });

  it('an in-band error is delivered as an event, then thrown, and result() rejects with it', async () => {
    const error = new StreamError({ message: 'provider failed' });
    const { stream: s, seen } = stream([
      [{ type: 'text-delta', text: 'partial' }],
      [{ type: 'error', error }],
      [finish],
    ]);
    const types: string[] = [];
    await expect(
      (async () => {
        for await (const event of s) types.push(event.type);
      })(),
    ).rejects.toBe(error);
    expect(types).toEqual(['text-delta', 'error']);
    expect(seen.pulled).toBe(2);
    await expect(s.result()).rejects.toBe(error);
  });
});
