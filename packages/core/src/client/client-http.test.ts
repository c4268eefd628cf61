import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError } from '../errors/api-error';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { StreamTruncatedError } from '../errors/stream-errors';
import { makePng } from '../image/test-utils/make-test-image';
import { sseData } from '../test-utils/fake-fetch';
import { imageChunk, recordedSunsetReads } from '../test-utils/recorded-stream';
import { chunkExamples } from '../test-utils/wire-examples';
import { createLunosImageClient } from './create-lunos-image-client';

type THandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let baseURL: string;
let handler: THandler;
const requests: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

/**
 * Writes `total` bytes of `fill` in 64 KiB writes, waiting for the socket to drain, until done or
 * until the client closes the connection: resolves with what was written and whether it closed.
 */
function writeHuge(res: ServerResponse, total: number, chunk = Buffer.alloc(64 * 1024, 0x3c)) {
  return new Promise<{ written: number; closed: boolean }>((resolve) => {
    let written = 0;
    let closed = false;
    res.once('close', () => {
      closed = !res.writableFinished;
      resolve({ written, closed });
    });
    const pump = () => {
      while (!closed && written < total) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (written >= total) res.end();
    };
    pump();
  });
}

/** Writes `text` in slices of `size` bytes, each flushed as its own write. */
async function writeSlowly(res: ServerResponse, text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) {
    if (!res.write(bytes.subarray(i, i + size))) await new Promise((r) => res.once('drain', r));
  }
}

describe('the client over real HTTP on 127.0.0.1', () => {
  it('streams the recorded answer and sends the key only as Authorization', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      void writeSlowly(res, recordedSunsetReads().join(''), 7).then(() => res.end());
    };
    const client = createLunosImageClient({
      baseURL,
      apiKey: 'sk-test-0123456789',
      appId: 'tests',
    });
    const result = await client.generateImage(vars);
    expect(result.text).toBe('Here is your sunset! ');
    const last = requests.at(-1);
    expect(last?.url).toBe('/v1/chat/completions');
    expect(last?.headers.authorization).toBe('Bearer sk-test-0123456789');
    expect(last?.headers['x-app-id']).toBe('tests');
    expect(JSON.parse(last?.body ?? '')).toMatchObject({ model: vars.model, stream: false });
  });

  it('decodes a 30 MB image line intact', async () => {
    // A real PNG header (so the size is readable) followed by 22 MB of random bytes.
    const bytes = new Uint8Array(22 * 1024 * 1024 + 5);
    const header = makePng(1, 1);
    // IHDR width and height (bytes 16-23) say 1536x672, as a 21:9 1K image would.
    header.set([0, 0, 6, 0, 0, 0, 2, 160], 16);
    bytes.set(header);
    bytes.set(randomBytes(bytes.length - 200), 200);
    const url = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
    expect(url.length).toBeGreaterThan(30_000_000);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const text = [
        ': OPENROUTER PROCESSING\n\n',
        sseData(imageChunk(url)),
        sseData(chunkExamples.finishWithUsage),
        sseData('[DONE]'),
      ].join('');
      void writeSlowly(res, text, 64 * 1024).then(() => res.end());
    };
    const result = await createLunosImageClient({ baseURL }).streamImage(vars).result();
    const [image] = result.images;
    expect(image?.byteLength).toBe(bytes.length);
    expect(image?.width).toBe(1536);
    expect(image?.height).toBe(672);
    expect(Buffer.from(image?.bytes() ?? []).equals(Buffer.from(bytes))).toBe(true);
    // 30 MB written in 64 KiB steps: correctness, not speed (bench's stream-to-image times it),
    // so a loaded CI machine gets room.
  }, 60_000);

  it('a 429 with Retry-After, then success', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ error: { code: 429, message: 'slow down' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(recordedSunsetReads().join(''));
    };
    const result = await createLunosImageClient({ baseURL }).generateImage(vars);
    expect(result.images).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('a 429 that persists is a RateLimitError with retryAfterMs', async () => {
    handler = (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ error: { code: 429, message: 'slow down' } }));
    };
    const error = await createLunosImageClient({ baseURL, maxRetries: 1 })
      .generateImage(vars)
      .catch((e) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(0);
  });

  it('a socket reset mid-stream is StreamTruncatedError and is not retried', async () => {
    let calls = 0;
    handler = (req, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(recordedSunsetReads().slice(0, 3).join(''));
      setTimeout(() => req.socket.destroy(), 20);
    };
    const error = await createLunosImageClient({ baseURL })
      .generateImage(vars)
      .catch((e) => e);
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
    expect(calls).toBe(1);
  });

  // 300 MB answers: the server writes far less before the client closes the connection (what it
  // wrote beyond the client's 1 MiB sat in socket buffers, never read).
  const HUGE = 300 * 1024 * 1024;
  const WRITTEN_AT_MOST = 32 * 1024 * 1024;

  it('a 500 with a 300 MB body is an InternalServerError, and the connection is closed', async () => {
    let sent: Promise<{ written: number; closed: boolean }> | undefined;
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      sent = writeHuge(res, HUGE);
    };
    const error = await createLunosImageClient({ baseURL, maxRetries: 0 })
      .generateImage(vars)
      .catch((e) => e);
    expect(InternalServerError.isInstance(error)).toBe(true);
    const { written, closed } = (await sent) ?? { written: HUGE, closed: false };
    expect(closed).toBe(true);
    expect(written).toBeLessThan(WRITTEN_AT_MOST);
  });

  it('a gzip bomb behind a 500 is an InternalServerError, and the connection is closed', async () => {
    // 300 MB of spaces as gzip: a few hundred KB on the wire, and the answer never ends, so
    // only the client can close it.
    const megabyte = gzipSync(Buffer.alloc(1024 * 1024, 0x20), {
      level: constants.Z_BEST_COMPRESSION,
    });
    let closed: Promise<boolean> | undefined;
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      closed = new Promise((resolve) => res.once('close', () => resolve(!res.writableFinished)));
      // Concatenated gzip members are one valid gzip stream.
      void (async () => {
        for (let i = 0; i < 300 && !res.destroyed; i++) {
          if (!res.write(megabyte)) await new Promise((r) => res.once('drain', r));
        }
      })();
    };
    const error = await createLunosImageClient({ baseURL, maxRetries: 0 })
      .generateImage(vars)
      .catch((e) => e);
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect(await closed).toBe(true);
  });

  it('a 200 text/html body of 300 MB is an InvalidResponseError naming it, the connection closed', async () => {
    let sent: Promise<{ written: number; closed: boolean }> | undefined;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      sent = writeHuge(res, HUGE);
    };
    const error = await createLunosImageClient({ baseURL })
      .generateImage(vars)
      .catch((e) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^The answer has content-type text\/html, not JSON or SSE: <<</);
    const { written, closed } = (await sent) ?? { written: HUGE, closed: false };
    expect(closed).toBe(true);
    expect(written).toBeLessThan(WRITTEN_AT_MOST);
  });
});
