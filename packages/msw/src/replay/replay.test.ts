import { describe, expect, it } from 'vitest';
import { MockOptionsError } from '../errors/mock-options-error';
import type { Fixture, FixtureInput } from '../fixture/fixture-schema';
import { parseFixture } from '../fixture/parse-fixture';
import { decodeBody, readChunks } from '../test-utils/decode-body';
import { repoFixtures } from '../test-utils/repo-fixtures';
import { virtualClock } from '../test-utils/virtual-clock';
import type { Chunking } from './chunking-schema';
import { replay } from './replay';

const text = new TextDecoder();

function streamFixture(
  events: FixtureInput['response']['body'] extends infer B
    ? B extends { kind: 'sse'; events: infer E }
      ? E
      : never
    : never,
  end: 'close' | 'drop' | 'hang' = 'close',
): Fixture {
  return parseFixture({
    version: 1,
    id: 'test/stream',
    source: 'reconstructed',
    dialect: 'openrouter',
    request: { method: 'POST', path: '/api/v1/chat/completions' },
    response: { status: 200, headersAfterMs: 100, body: { kind: 'sse', events, end } },
  });
}

const chunk = (content: string, finish: string | null = null) => ({
  id: 'gen-1',
  object: 'chat.completion.chunk',
  model: 'google/gemini-2.5-flash-image',
  choices: [{ index: 0, delta: { content }, finish_reason: finish }],
});

const small = streamFixture([
  { dt: 0, comment: ' OPENROUTER PROCESSING' },
  { dt: 200, data: chunk('Grüße 🌅 ') },
  { dt: 300, data: chunk('done') },
  { dt: 50, data: chunk('', 'stop') },
  { dt: 5, data: '[DONE]' },
]);

async function bodyText(response: Response): Promise<string> {
  return text.decode(new Uint8Array(await response.arrayBuffer()));
}

describe('replay', () => {
  it('serializes events as the API frames them', async () => {
    const response = await replay(small);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const body = await bodyText(response);
    expect(body.startsWith(': OPENROUTER PROCESSING\n\ndata: {"id":"gen-1"')).toBe(true);
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('converts line endings on request and keeps raw events verbatim', async () => {
    const fixture = streamFixture([
      { dt: 0, comment: ' hi' },
      { dt: 0, raw: 'data: raw\n\n' },
    ]);
    expect(await bodyText(await replay(fixture, { lineEnding: 'crlf' }))).toBe(
      ': hi\r\n\r\ndata: raw\n\n',
    );
    expect(await bodyText(await replay(fixture, { lineEnding: 'cr' }))).toBe(
      ': hi\r\rdata: raw\n\n',
    );
  });

  const modes: [string, Chunking][] = [
    ['single', 'single'],
    ['bytes:1', { bytes: 1 }],
    ['bytes:7', { bytes: 7 }],
    ['random', { random: { min: 1, max: 40, seed: 7 } }],
    ['split-multibyte', { splitMultibyte: true }],
    ['split-delimiters', { splitDelimiters: true }],
    ['coalesce:2', { coalesce: 2 }],
    ['function', (bytes: Uint8Array) => [bytes.subarray(0, 3), bytes.subarray(3)]],
  ];

  it.each(modes)('chunking %s decodes to the same events as per-event', async (_, chunking) => {
    const fixtures = await repoFixtures();
    for (const fixture of [
      small,
      fixtures.get('chat/sunset-stream'),
      fixtures.get('chat/in-band-error-stream'),
    ]) {
      const reference = await decodeBody(await replay(fixture, { loadBlob: fixtures.loadBlob }));
      const other = await decodeBody(
        await replay(fixture, { chunking, loadBlob: fixtures.loadBlob }),
      );
      expect(other).toEqual(reference);
      expect(reference.length).toBeGreaterThan(3);
    }
  });

  it('really cuts where the chunking mode says', async () => {
    const bytes = await readChunks(await replay(small, { chunking: { bytes: 1 } }));
    expect(bytes.every((c) => c.bytes.byteLength === 1)).toBe(true);
    const multibyte = await readChunks(await replay(small, { chunking: { splitMultibyte: true } }));
    // 'ü', 'ß' (2 bytes each) and '🌅' (4 bytes): each split after its lead byte.
    const leads = multibyte.filter((c) => c.bytes[c.bytes.byteLength - 1]! >= 0xc0);
    expect(leads).toHaveLength(3);
    const delimiters = await readChunks(
      await replay(small, { chunking: { splitDelimiters: true } }),
    );
    expect(delimiters.some((c) => c.bytes.byteLength === 1 && c.bytes[0] === 0x0a)).toBe(true);
    const single = await readChunks(await replay(small, { chunking: 'single' }));
    expect(single).toHaveLength(1);
  });

  it('keeps the recorded gaps on a virtual clock, and speed divides them', async () => {
    for (const [timing, factor] of [
      ['realtime', 1],
      [{ speed: 4 }, 4],
    ] as const) {
      const clock = virtualClock();
      const pending = replay(small, { timing, clock });
      await clock.advance(100 / factor - 1);
      let settled = false;
      void pending.then(() => {
        settled = true;
      });
      await clock.advance(0);
      expect(settled).toBe(false);
      await clock.advance(1);
      const response = await pending;
      const arrivals: number[] = [];
      const reader = response.body!.getReader();
      const reading = (async () => {
        for (;;) {
          const { done } = await reader.read();
          if (done) break;
          arrivals.push(clock.now());
        }
      })();
      await clock.advance(1000);
      await reading;
      const start = 100 / factor;
      expect(arrivals.map((t) => t - start)).toEqual(
        [0, 200, 500, 550, 555].map((t) => t / factor),
      );
    }
  });

  it('instant timing still delivers every chunk in its own macrotask', async () => {
    const clock = virtualClock();
    const response = await (async () => {
      const p = replay(small, { clock });
      await clock.advance(0);
      return p;
    })();
    const reader = response.body!.getReader();
    const first = reader.read();
    await clock.advance(0);
    expect((await first).done).toBe(false);
    expect(clock.pending()).toBe(0);
    reader.cancel();
  });

  it('answers an http-error fault with the API error body and Retry-After', async () => {
    const response = await replay(small, { faults: [{ type: 'http-error', status: 429 }] });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('16');
    const body = (await response.json()) as {
      error: { code: number; metadata: { retry_after_seconds: number } };
    };
    expect(body.error.code).toBe(429);
    expect(body.error.metadata.retry_after_seconds).toBe(16);
  });

  it('answers a network-error fault with a network error', async () => {
    const response = await replay(small, { faults: [{ type: 'network-error' }] });
    expect(response.type).toBe('error');
  });

  it('drops the connection after N events or bytes', async () => {
    const events = await replay(small, { faults: [{ type: 'drop', afterEvents: 2 }] });
    await expect(bodyText(events)).rejects.toThrow(/terminated/);
    const bytes = await replay(small, { faults: [{ type: 'drop', afterBytes: 10 }] });
    const reader = bytes.body!.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(10);
    await expect(reader.read()).rejects.toThrow(/terminated/);
  });

  it('truncates before the finish chunk and [DONE] by default', async () => {
    const items = await decodeBody(await replay(small, { faults: [{ type: 'truncate' }] }));
    const data = items.flatMap((i) => (i.type === 'event' ? [i.data] : []));
    expect(data).toHaveLength(2);
    expect(data.some((d) => d.includes('"finish_reason":"stop"') || d === '[DONE]')).toBe(false);
  });

  it('injects a malformed line, an in-band error and keep-alives', async () => {
    const malformed = await bodyText(
      await replay(small, { faults: [{ type: 'malformed', afterEvents: 1 }] }),
    );
    expect(malformed).toMatch(/^: OPENROUTER PROCESSING\n\ndata: \{"id":"gen-FIXTURE-malformed"/);
    const inBand = await decodeBody(
      await replay(small, { faults: [{ type: 'in-band-error', code: 429 }] }),
    );
    const events = inBand.flatMap((i) => (i.type === 'event' ? [i.data] : []));
    expect(JSON.parse(events[1]!)).toMatchObject({
      error: { code: 429 },
      choices: [{ finish_reason: 'error' }],
    });
    expect(events[2]).toBe('[DONE]');
    const keepAlive = await decodeBody(
      await replay(small, { faults: [{ type: 'keep-alive', count: 3 }] }),
    );
    expect(keepAlive.filter((i) => i.type === 'comment')).toHaveLength(1 + 4 * 3);
  });

  it('stalls for a while on a virtual clock, or until aborted', async () => {
    const clock = virtualClock();
    const pending = replay(small, {
      clock,
      timing: 'realtime',
      faults: [{ type: 'stall', afterEvents: 2, ms: 5000 }],
    });
    await clock.advance(100);
    const response = await pending;
    const chunks: number[] = [];
    const reader = response.body!.getReader();
    const reading = (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
        chunks.push(clock.now());
      }
    })();
    await clock.advance(10_000);
    await reading;
    expect(chunks[2]! - chunks[1]!).toBe(5300);

    const controller = new AbortController();
    const hang = await replay(small, {
      signal: controller.signal,
      faults: [{ type: 'stall', afterEvents: 1 }],
    });
    const hangReader = hang.body!.getReader();
    await hangReader.read();
    const next = hangReader.read();
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(next).rejects.toThrow('stop');
  });

  it('abort stops the stream and clears its timers', async () => {
    const clock = virtualClock();
    const controller = new AbortController();
    const pending = replay(small, { clock, timing: 'realtime', signal: controller.signal });
    await clock.advance(100);
    const reader = (await pending).body!.getReader();
    const first = reader.read();
    await clock.advance(0);
    await first;
    const second = reader.read();
    await clock.advance(50);
    expect(clock.pending()).toBe(1);
    controller.abort(new DOMException('user stop', 'AbortError'));
    await expect(second).rejects.toThrow('user stop');
    expect(clock.pending()).toBe(0);
  });

  it('rejects bad options with MockOptionsError', async () => {
    await expect(replay(small, { timing: { speed: 0 } })).rejects.toBeInstanceOf(MockOptionsError);
    await expect(
      replay(small, { faults: [{ type: 'http-error', status: 200 }] }),
    ).rejects.toBeInstanceOf(MockOptionsError);
    await expect(replay(small, { chunking: { bytes: 0 } })).rejects.toBeInstanceOf(
      MockOptionsError,
    );
  });

  it('pads a JSON body and replaces blob references with data URLs', async () => {
    const fixtures = await repoFixtures();
    const response = await replay(fixtures.get('chat/restaurant-4k'), {
      loadBlob: fixtures.loadBlob,
    });
    const body = await bodyText(response);
    expect(body.startsWith('\n         \n')).toBe(true);
    const json = JSON.parse(body) as {
      choices: { message: { images: { image_url: { url: string } }[] } }[];
    };
    expect(json.choices[0]!.message.images[0]!.image_url.url).toMatch(
      /^data:image\/png;base64,iVBORw0KGgo/,
    );
  });
});
