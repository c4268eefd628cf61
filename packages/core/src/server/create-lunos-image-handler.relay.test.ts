import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import { MIN_SECRET_RUN } from '../errors/redact-secret';
import { TimeoutError } from '../errors/transport-errors';
import { ValidationError } from '../errors/validation-error';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { controlledBody, sseData, sseResponse } from '../test-utils/fake-fetch';
import { finalPng, imagesEvent } from '../test-utils/images-wire-examples';
import { localServers } from '../test-utils/local-servers';
import { recordedSunsetReads } from '../test-utils/recorded-stream';
import { createLunosImageHandler } from './create-lunos-image-handler';
import type { LunosImageHandlerOptions } from './lunos-image-handler-options';
import { toNodeListener } from './node/to-node-listener';

const KEY = `sk-or-v1-${'5e6f7a8b'.repeat(8)}`;
const APP = 'http://app.test/api/lunos';

const listen = localServers();
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** An upstream on 127.0.0.1 answering every request with `reads`, one write each. */
async function sseUpstream(reads: readonly (string | Uint8Array)[]) {
  return listen(
    createServer(async (req, res) => {
      for await (const _ of req) {
        // the request body is not needed
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const read of reads) {
        res.write(read);
        // One network read each, as far as the loopback allows.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      res.end();
    }),
  );
}

async function mount(options: LunosImageHandlerOptions) {
  return `${await listen(createServer(toNodeListener(createLunosImageHandler(options))))}/api/lunos`;
}

/** A streamed chat generation, as a browser posts it. */
const chatInit = (init: RequestInit = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    model: 'google/gemini-2.5-flash-image',
    messages: [{ role: 'user', content: 'a sunset' }],
    stream: true,
  }),
  ...init,
});
const streamed = (url: string) => fetch(`${url}/chat/completions`, chatInit());

function expectNoPieceOfKey(text: string) {
  for (let i = 0; i + MIN_SECRET_RUN <= KEY.length; i++) {
    expect(text).not.toContain(KEY.slice(i, i + MIN_SECRET_RUN));
  }
}

describe('what the handler relays of a streamed answer', () => {
  it('an in-band error echoing the key (whole, in pieces, across reads) reaches the browser without it', async () => {
    const error = {
      id: 'gen-1',
      object: 'chat.completion.chunk',
      error: {
        code: 401,
        message: `Invalid key ${KEY}`,
        metadata: { raw: `upstream saw ${KEY.slice(5, 30)} then ${KEY.slice(40)}` },
      },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    };
    const event = sseData(error);
    const reads = [
      ': OPENROUTER PROCESSING\n\n',
      event.slice(0, 30),
      event.slice(30, 60),
      event.slice(60, -1),
      `${event.slice(-1)}data: [DONE]\n\n`,
    ];
    const upstream = await sseUpstream(reads);
    const url = await mount({ apiKey: KEY, baseURL: `${upstream}/v1` });
    const text = await (await streamed(url)).text();
    expectNoPieceOfKey(text);
    expect(text).toContain('[redacted]');
    // Our client, which holds no key of its own here, reads the error without it.
    const client = createLunosImageClient({ baseURL: url });
    const failed = await client
      .generateImage({ model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' })
      .catch((e: unknown) => e as Error);
    expect(failed).toBeInstanceOf(Error);
    expectNoPieceOfKey(`${(failed as Error).message} ${JSON.stringify(failed)}`);
  });

  it('relays an image stream byte for byte', async () => {
    const base64 = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64');
    const wire = Buffer.from(
      recordedSunsetReads(`data:image/png;base64,${base64}`).join('').replace(/\n\n/g, '\r\n\r\n'),
    );
    const reads: Uint8Array[] = [];
    for (let at = 0; at < wire.length; at += 65_536) reads.push(wire.subarray(at, at + 65_536));
    const upstream = await sseUpstream(reads);
    const url = await mount({ apiKey: KEY, baseURL: `${upstream}/v1` });
    const relayed = Buffer.from(await (await streamed(url)).arrayBuffer());
    expect(relayed.equals(wire)).toBe(true);
  });
});

/** A handler in front of an upstream the test writes to; a client that calls it in-process. */
function handlerOnSilentUpstream(heartbeatMs?: number) {
  const body = controlledBody();
  const handler = createLunosImageHandler({
    apiKey: KEY,
    dialect: 'openrouter',
    baseURL: 'https://upstream.test/api/v1',
    fetch: async () => sseResponse(body.stream),
    ...(heartbeatMs !== undefined && { heartbeatMs }),
  });
  const client = createLunosImageClient({
    baseURL: APP,
    dialect: 'openrouter',
    fetch: (input, init) => handler(new Request(input, init)),
    // Shorter than the upstream's silence below: only the heartbeats keep it from firing.
    timeout: { idleMs: 8000 },
  });
  return { body, client };
}

describe('heartbeats through the handler', () => {
  const wires = {
    chat: {
      variables: { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' },
      reads: recordedSunsetReads(),
    },
    images: {
      variables: { model: 'openai/gpt-image-1', prompt: 'a lighthouse', api: 'images' as const },
      reads: [sseData(imagesEvent.completed()), sseData('[DONE]')],
    },
  };
  for (const [wire, { variables, reads }] of Object.entries(wires)) {
    it(`keep a ${wire} generation alive through 20 s of upstream silence, counted as progress`, async () => {
      vi.useFakeTimers();
      const { body, client } = handlerOnSilentUpstream();
      const stream = client.streamImage(variables);
      const events: ImageStreamEvent[] = [];
      const done = (async () => {
        for await (const event of stream) events.push(event);
      })();
      await vi.advanceTimersByTimeAsync(20_000);
      const beats = events.filter((e) => e.type === 'processing' && e.comment === ' keep-alive');
      expect(beats).toHaveLength(4);
      for (const read of reads) body.push(read);
      body.close();
      await vi.advanceTimersByTimeAsync(0);
      await done;
      const result = await stream.result();
      expect(result.images).toHaveLength(1);
      if (wire === 'images') expect(result.images[0]?.base64).toBe(finalPng);
    });
  }

  it('without them (heartbeatMs: 0) the same silence is an idle timeout', async () => {
    vi.useFakeTimers();
    const { client } = handlerOnSilentUpstream(0);
    const outcome = client
      .generateImage(wires.chat.variables)
      .then(() => 'finished')
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(outcome).resolves.toBeInstanceOf(TimeoutError);
  });

  it('heartbeatMs is checked like the other options', () => {
    for (const heartbeatMs of [-1, 1.5, Number.NaN, 2 ** 31, '5000']) {
      expect(() =>
        createLunosImageHandler({ apiKey: KEY, heartbeatMs: heartbeatMs as number }),
      ).toThrow(ValidationError);
    }
    try {
      createLunosImageHandler({ apiKey: KEY, heartbeatMs: -1 });
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('heartbeatMs');
    }
    expect(() => createLunosImageHandler({ apiKey: KEY, heartbeatMs: 0 })).not.toThrow();
  });
});

/** A handler whose upstream answers a short stream and records the signal it was sent with. */
function recordingUpstream(reads: readonly string[]) {
  const seen: { signal: AbortSignal | undefined }[] = [];
  const handler = createLunosImageHandler({
    apiKey: KEY,
    baseURL: 'https://upstream.test/v1',
    fetch: async (_url, init) => {
      seen.push({ signal: init?.signal ?? undefined });
      return sseResponse(reads.join(''));
    },
  });
  return { handler, seen };
}

const chatRequest = (init: RequestInit = {}) =>
  new Request(`${APP}/chat/completions`, chatInit(init));

describe('a finished answer is told apart from a browser that left', () => {
  it('a request signal that aborts after a complete answer (Deno legacy, Bun) aborts nothing', async () => {
    const { handler, seen } = recordingUpstream(recordedSunsetReads());
    const browser = new AbortController();
    const response = await handler(chatRequest({ signal: browser.signal }));
    await response.text();
    browser.abort();
    expect(seen[0]?.signal?.aborted).toBe(false);
  });

  it('a browser that leaves before the end aborts the upstream', async () => {
    const { handler, seen } = recordingUpstream(recordedSunsetReads());
    const browser = new AbortController();
    const response = await handler(chatRequest({ signal: browser.signal }));
    const reader = response.body!.getReader();
    await reader.read();
    browser.abort();
    expect(seen[0]?.signal?.aborted).toBe(true);
  });

  it('on Deno the request signal is not read (it would print the legacy-abort warning); leaving still cancels the upstream', async () => {
    const read = { signal: 0 };
    const spied = (request: Request) => {
      const signal = request.signal;
      Object.defineProperty(request, 'signal', {
        get: () => {
          read.signal += 1;
          return signal;
        },
      });
      return request;
    };
    const { handler, seen } = recordingUpstream(recordedSunsetReads());
    await (await handler(spied(chatRequest()))).text();
    expect(read.signal).toBeGreaterThan(0); // elsewhere it is the earliest word of a browser leaving

    read.signal = 0;
    vi.stubGlobal('navigator', { userAgent: 'Deno/2.9.6' });
    const response = await handler(spied(chatRequest()));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel(new Error('The browser left'));
    expect(read.signal).toBe(0);
    expect(seen[1]?.signal?.aborted).toBe(true);
  });
});
