import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './start-mock-server';
import { type Recorder, startRecorder } from './start-recorder';

// A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
const KEY = `sk-or-v1-${'5e1c'.repeat(16)}`;
let upstream: MockServer;
let recorder: Recorder;
let out: string;
/** What the upstream saw of each request's authorization. */
let seenAuth: (string | undefined)[] = [];

beforeAll(async () => {
  upstream = await startMockServer({ allowedOrigins: ['https://trusted.example'] });
  out = await mkdtemp(join(tmpdir(), 'lunos-origin-'));
  recorder = await startRecorder({ upstream: upstream.url, out, apiKey: KEY, onError: () => {} });
});
afterAll(async () => {
  await recorder.close();
  await upstream.close();
  await rm(out, { recursive: true, force: true });
});

function send(
  base: string,
  path: string,
  headers: Record<string, string>,
  method = 'POST',
  body = '',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method, headers },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const chat = JSON.stringify({
  model: 'google/gemini-2.5-flash-image',
  modalities: ['image', 'text'],
  messages: [{ role: 'user', content: 'a sunset' }],
});

describe('the mock server refuses foreign pages and hosts', () => {
  it('refuses a cross-origin scenario POST and does not echo the origin', async () => {
    const answer = await send(
      upstream.url,
      '/__mock/scenario',
      {
        origin: 'https://evil.example',
        'content-type': 'text/plain',
      },
      'POST',
      '{"fixture":"x"}',
    );
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    const answer = await send(
      upstream.url,
      '/__mock/health',
      { host: 'rebind.evil.example' },
      'GET',
    );
    expect(answer.status).toBe(403);
  });

  it('answers loopback and allow-listed origins, naming only them', async () => {
    for (const origin of ['http://localhost:5173', 'https://trusted.example']) {
      const answer = await send(upstream.url, '/__mock/health', { origin }, 'GET');
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
    }
  });
});

describe('the recorder never lends its key to a page', () => {
  it('refuses a cross-origin text/plain POST before attaching the key', async () => {
    const before = upstream.mock.calls.length;
    const answer = await send(
      recorder.url,
      '/v1/chat/completions',
      {
        origin: 'https://evil.example',
        'content-type': 'text/plain',
      },
      'POST',
      chat,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(KEY.slice(10, 20));
    expect(upstream.mock.calls.length).toBe(before);
  });

  it('refuses a no-cors request from another site and a foreign Host', async () => {
    const before = upstream.mock.calls.length;
    const noCors = await send(
      recorder.url,
      '/v1/models',
      { 'sec-fetch-site': 'cross-site' },
      'GET',
    );
    expect(noCors.status).toBe(403);
    const rebound = await send(recorder.url, '/v1/models', { host: 'rebind.evil.example' }, 'GET');
    expect(rebound.status).toBe(403);
    expect(upstream.mock.calls.length).toBe(before);
  });

  it('forwards a local non-browser client and strips upstream CORS headers', async () => {
    seenAuth = [];
    const answer = await send(recorder.url, '/v1/models', {}, 'GET');
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    seenAuth.push(upstream.mock.calls.at(-1)?.headers.authorization);
    expect(seenAuth[0]).toBeDefined();
    await recorder.idle();
  });
});

describe('a taken port', () => {
  it('says the port is already in use, not "Invalid option port"', async () => {
    const error = (await startMockServer({ port: upstream.port }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toMatch(new RegExp(`^port ${upstream.port} is already in use`));
    expect(error.name).toBe('PortInUseError');
  });
});

describe('--require-auth', () => {
  it('guards GET /models as well as chat', async () => {
    const guarded = await startMockServer({ requireAuth: true });
    try {
      expect((await send(guarded.url, '/v1/models', {}, 'GET')).status).toBe(401);
      expect((await send(guarded.url, '/api/v1/models', {}, 'GET')).status).toBe(401);
      expect(
        (await send(guarded.url, '/v1/models', { authorization: 'Bearer x' }, 'GET')).status,
      ).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('recorded fixtures', () => {
  it('keep no run of 8+ characters of a cut key', async () => {
    const { createRedactor } = await import('./redact-recording');
    const redact = createRedactor([KEY]);
    const out = redact({ text: `echo ${KEY.slice(0, 30)} and ${KEY.slice(40)}` });
    for (let i = 0; i + 8 <= KEY.length; i++) expect(out.text).not.toContain(KEY.slice(i, i + 8));
  });
});

describe('a request body past the limit', () => {
  /** Streams `bytes` of body and resolves with the status the server answered, read early. */
  function postHuge(base: string, path: string, bytes: number) {
    const url = new URL(path, base);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      // The server closes once it has answered: a write after that fails, as it should.
      req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.byteLength;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  it('gets 413 in the API error shape from the mock server and the recorder, not a 500', async () => {
    for (const base of [upstream.url, recorder.url]) {
      const answer = await postHuge(base, '/v1/chat/completions', 65 * 1024 * 1024);
      expect(answer.status, base).toBe(413);
      expect(JSON.parse(answer.body).error).toEqual({
        code: 413,
        message: expect.stringContaining('larger than 67108864 bytes'),
      });
    }
  });
});
