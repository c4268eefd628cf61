import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors/api-error';
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
  });

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
});
