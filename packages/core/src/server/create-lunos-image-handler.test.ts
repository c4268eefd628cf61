import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import { recordedSunsetResponse } from '../test-utils/recorded-stream';
import { createLunosImageHandler } from './create-lunos-image-handler';
import type { LunosImageHandlerOptions } from './lunos-image-handler-options';
import { toNodeListener } from './node/to-node-listener';

const KEY = `sk-or-v1-${'a1b2c3d4'.repeat(8)}`;
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEklEQVR4nGP4z8DAwMDAwMAAAA4AAf/2lX4AAAAASUVORK5CYII=';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A small upstream on 127.0.0.1 that records every request and when its connection closed. */
async function startUpstream(
  answer: (seen: Seen, res: import('node:http').ServerResponse) => void,
) {
  const seen: Seen[] = [];
  const closedAt: number[] = [];
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const part of req) body += part;
    const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    seen.push(entry);
    res.on('close', () => closedAt.push(performance.now()));
    answer(entry, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, seen, closedAt };
}

async function mount(options: LunosImageHandlerOptions) {
  const server = createServer(toNodeListener(createLunosImageHandler(options)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/lunos`;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

// The recorded sunset answer, non-streamed, with this file's small PNG.
const chatAnswer = recordedSunsetResponse(PNG);

function jsonUpstream() {
  return startUpstream((seen, res) => {
    if (seen.url.startsWith('/v1/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: [
            { id: 'google/gemini-2.5-flash-image', outputModalities: ['image', 'text'] },
            { id: 'black-forest-labs/flux.2-pro', outputModalities: ['image'] },
          ],
        }),
      );
      return;
    }
    const wantsStream = JSON.parse(seen.body).stream === true;
    if (wantsStream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'set-cookie': 'up=1' });
      res.write(': OPENROUTER PROCESSING\n\n');
      const chunk = { ...chatAnswer, object: 'chat.completion.chunk' };
      const delta = { ...chatAnswer.choices[0]!.message };
      res.write(
        `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta, finish_reason: 'stop', native_finish_reason: 'STOP' }] })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'up=1' });
    res.end(JSON.stringify(chatAnswer));
  });
}

const valid = {
  model: 'google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'a sunset' }],
  modalities: ['image', 'text'],
};

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('refusals, one by one, with the upstream untouched', () => {
  const cases: [
    string,
    number,
    string,
    (url: string) => Promise<Response>,
    LunosImageHandlerOptions?,
  ][] = [
    ['unknown route', 404, 'not_found', (url) => fetch(`${url}/images/edits`, { method: 'POST' })],
    ['wrong method', 405, 'method_not_allowed', (url) => fetch(`${url}/chat/completions`)],
    ['a job without jobs', 404, 'not_found', (url) => fetch(`${url}/jobs/${'a'.repeat(22)}`)],
    [
      'a job image without jobs',
      404,
      'not_found',
      (url) => fetch(`${url}/jobs/${'a'.repeat(22)}/images/0`),
    ],
    [
      'a job stop without jobs',
      404,
      'not_found',
      (url) => fetch(`${url}/jobs/${'a'.repeat(22)}`, { method: 'DELETE' }),
    ],
    [
      'not JSON',
      415,
      'unsupported_media_type',
      (url) => fetch(`${url}/chat/completions`, { method: 'POST', body: JSON.stringify(valid) }),
    ],
    ['malformed JSON', 400, 'invalid_json', (url) => post(url, '{"model":')],
    ['schema violation', 400, 'invalid_request', (url) => post(url, { ...valid, messages: [] })],
    [
      'bad aspect ratio',
      400,
      'invalid_request',
      (url) => post(url, { ...valid, image_config: { aspect_ratio: '7:5' } }),
    ],
    [
      'model not allowed',
      403,
      'model_not_allowed',
      (url) => post(url, { ...valid, model: 'openai/gpt-5-image' }),
      { allowModels: [/^google\//] },
    ],
    [
      'fallback model not allowed',
      403,
      'model_not_allowed',
      (url) => post(url, { ...valid, models: ['openai/gpt-5-image'] }),
      { allowModels: ['google/gemini-2.5-flash-image'] },
    ],
    [
      'prompt too long',
      400,
      'prompt_too_long',
      (url) => post(url, { ...valid, messages: [{ role: 'user', content: 'x'.repeat(101) }] }),
      { limits: { maxPromptChars: 100 } },
    ],
    [
      'too many reference images',
      400,
      'too_many_images',
      (url) =>
        post(url, {
          ...valid,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'edit' },
                { type: 'image_url', image_url: { url: PNG } },
                { type: 'image_url', image_url: { url: PNG } },
              ],
            },
          ],
        }),
      { limits: { maxReferenceImages: 1 } },
    ],
    [
      'body too large',
      413,
      'payload_too_large',
      (url) => post(url, { ...valid, user: 'u'.repeat(2000) }),
      { limits: { maxRequestBytes: 1000 } },
    ],
    [
      'authorize refused',
      401,
      'unauthorized',
      (url) => post(url, valid),
      { authorize: (request) => request.headers.get('x-session') === 'ok' },
    ],
    [
      'foreign origin',
      403,
      'origin_not_allowed',
      (url) => post(url, valid, { origin: 'https://evil.example' }),
    ],
    [
      'unknown models query',
      400,
      'invalid_request',
      (url) => fetch(`${url}/models?output=image&api_key=x`),
    ],
  ];
  it.each(cases)('%s → %i', async (_name, status, type, call, options = {}) => {
    const upstream = await jsonUpstream();
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1`, ...options });
    const response = await call(url);
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: number; metadata: object } };
    expect(body.error.code).toBe(status);
    expect(body.error.metadata).toMatchObject({ error_type: type });
    expect(upstream.seen).toHaveLength(0);
  });

  it('enforces the size limit while reading a body with no content-length', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 100) controller.close();
        else controller.enqueue(new Uint8Array(1000).fill(32));
      },
    });
    const upstream = await jsonUpstream();
    const handler = createLunosImageHandler({
      apiKey: KEY,
      baseURL: `${upstream.url}/v1`,
      limits: { maxRequestBytes: 5000 },
    });
    const response = await handler(
      new Request('http://app.test/api/lunos/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(upstream.seen).toHaveLength(0);
  });

  it('answers 500 naming the variable, not calling upstream, when no key is set', async () => {
    const upstream = await jsonUpstream();
    const handler = createLunosImageHandler({
      dialect: 'openrouter',
      baseURL: `${upstream.url}/v1`,
      fetch: () => Promise.reject(new Error('must not be called')),
    });
    const saved = process.env.OPENROUTER_API_KEY;
    delete process.env.OPENROUTER_API_KEY;
    try {
      const response = await handler(
        new Request('http://app.test/api/lunos/models', { method: 'GET' }),
      );
      // The key is read when the handler is made: none was set then either (in CI).
      if (saved === undefined) {
        expect(response.status).toBe(500);
        expect(await response.text()).toContain('OPENROUTER_API_KEY');
      }
    } finally {
      if (saved !== undefined) process.env.OPENROUTER_API_KEY = saved;
    }
  });
});

describe('the same-origin check', () => {
  /** A browser's POST from `origin` as the handler receives it, under the URL a server gave it. */
  async function call(url: string, headers: Record<string, string>) {
    const upstream = await jsonUpstream();
    const handler = createLunosImageHandler({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const response = await handler(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(valid),
      }),
    );
    return { status: response.status, reachedUpstream: upstream.seen.length };
  }

  it('takes a page of its own site when the URL names another host (next start: localhost)', async () => {
    const url = 'http://localhost:3000/api/lunos/chat/completions';
    await expect(
      call(url, { host: 'app.example', origin: 'https://app.example' }),
    ).resolves.toEqual({ status: 200, reachedUpstream: 1 });
    await expect(
      call(url, { host: 'app.example:443', origin: 'https://app.example' }),
    ).resolves.toEqual({ status: 200, reachedUpstream: 1 });
    await expect(
      call(url, {
        host: '127.0.0.1:3000',
        'x-forwarded-host': 'app.example, proxy.internal',
        origin: 'https://app.example',
      }),
    ).resolves.toEqual({ status: 200, reachedUpstream: 1 });
  });

  it('still refuses a page of another site, whatever the URL', async () => {
    const url = 'http://localhost:3000/api/lunos/chat/completions';
    const foreign: Record<string, string>[] = [
      { host: 'app.example', origin: 'https://evil.example' },
      { host: 'app.example', origin: 'https://app.example.evil.example' },
      { host: 'app.example', 'x-forwarded-host': 'app.example', origin: 'http://localhost:3001' },
    ];
    for (const headers of foreign) {
      await expect(call(url, headers)).resolves.toEqual({ status: 403, reachedUpstream: 0 });
    }
  });
});

describe('what goes upstream and what comes back', () => {
  it('adds the key and attribution, forwards no browser header, relays no cookie', async () => {
    const upstream = await jsonUpstream();
    const url = await mount({
      apiKey: KEY,
      dialect: 'openrouter',
      baseURL: `${upstream.url}/v1`,
      referer: 'https://app.example',
      title: 'App',
    });
    const response = await post(url, valid, {
      authorization: 'Bearer browser-token',
      cookie: 'session=abc',
      'x-custom': 'nope',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const sent = upstream.seen[0]!;
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.headers['http-referer']).toBe('https://app.example');
    expect(sent.headers['x-title']).toBe('App');
    expect(sent.headers.cookie).toBeUndefined();
    expect(sent.headers['x-custom']).toBeUndefined();
    expect(JSON.parse(sent.body)).toEqual(valid);
  });

  it('marks SSE answers no-store and unbuffered', async () => {
    const upstream = await jsonUpstream();
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const response = await post(url, { ...valid, stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(await response.text()).toContain(': OPENROUTER PROCESSING');
  });

  it('lists only allowed models', async () => {
    const upstream = await jsonUpstream();
    const url = await mount({
      apiKey: KEY,
      baseURL: `${upstream.url}/v1`,
      allowModels: [/^google\//g],
    });
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${url}/models?input=text&output=image`);
      const body = (await response.json()) as { data: { id: string }[] };
      expect(body.data.map((m) => m.id)).toEqual(['google/gemini-2.5-flash-image']);
    }
    expect(upstream.seen[0]!.url).toBe('/v1/models?input=text&output=image');
  });

  it('keeps an upstream error status and scrubs the key from its body and headers', async () => {
    const upstream = await startUpstream((_seen, res) => {
      res.writeHead(401, { 'content-type': 'application/json', 'x-generation-id': KEY });
      res.end(
        JSON.stringify({
          error: { code: 401, message: `Invalid key ${KEY} (${'sk-or-v1'}-other12345)` },
        }),
      );
    });
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const response = await post(url, valid);
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(KEY.slice(10, 30));
    expect(text).not.toContain('other12345');
    expect(JSON.parse(text).error.message).toContain('[redacted]');
    expect([...response.headers].flat().join(' ')).not.toContain(KEY.slice(10, 30));
  });

  it('wraps a non-JSON upstream error in the API error shape', async () => {
    const upstream = await startUpstream((_seen, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html>bad gateway ${KEY}</html>`);
    });
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const response = await post(url, valid);
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(502);
    expect(body.error.message).not.toContain(KEY.slice(10, 30));
  });
});

// The abort is passed on as an event, not found by a timer, so it takes a few ms; the bound
// below is generous so a loaded machine cannot fail it, and an abort not passed on (the upstream
// never ends on its own) still fails it.
const CLOSE_BOUND_MS = 2000;
const waitForClose = async (closedAt: number[]) => {
  for (let i = 0; i < CLOSE_BOUND_MS / 10 && closedAt.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('abort on disconnect', () => {
  it('closes the upstream connection as soon as the client leaves', async () => {
    const upstream = await startUpstream((_seen, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': OPENROUTER PROCESSING\n\n');
      // Never ends on its own: only an abort from the handler closes it.
    });
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const response = await post(url, { ...valid, stream: true });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('PROCESSING');
    const leftAt = performance.now();
    await reader.cancel();
    await waitForClose(upstream.closedAt);
    expect(upstream.closedAt).toHaveLength(1);
    expect(upstream.closedAt[0]! - leftAt).toBeLessThan(CLOSE_BOUND_MS);
  });

  it('closes the upstream connection when the client leaves before any answer', async () => {
    // The upstream takes the request and says nothing yet (a generation still running).
    const upstream = await startUpstream(() => {});
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const controller = new AbortController();
    const pending = fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid),
      signal: controller.signal,
    }).catch(() => undefined);
    for (let i = 0; i < 100 && upstream.seen.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(upstream.seen).toHaveLength(1);
    const leftAt = performance.now();
    controller.abort();
    await pending;
    await waitForClose(upstream.closedAt);
    expect(upstream.closedAt).toHaveLength(1);
    expect(upstream.closedAt[0]! - leftAt).toBeLessThan(CLOSE_BOUND_MS);
  });
});

describe('clients nobody wrote for this handler, with no key of their own', () => {
  it('raw fetch gets the image', async () => {
    const upstream = await jsonUpstream();
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const response = await post(url, valid);
    const body = (await response.json()) as typeof chatAnswer;
    expect(body.choices[0]!.message.images[0]!.image_url.url).toBe(PNG);
  });

  it('our client (generateImage, streamImage, listModels) gets images', async () => {
    const upstream = await jsonUpstream();
    const url = await mount({ apiKey: KEY, baseURL: `${upstream.url}/v1` });
    const client = createLunosImageClient({ baseURL: url });
    const result = await client.generateImage({
      model: 'google/gemini-2.5-flash-image',
      prompt: 'a sunset',
    });
    expect(result.images[0]!.width).toBe(4);
    const streamed = await client
      .streamImage({ model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' })
      .result();
    expect(streamed.images[0]!.height).toBe(3);
    const models = await client.listModels();
    expect(models.map((m) => m.id)).toContain('google/gemini-2.5-flash-image');
    for (const seen of upstream.seen) expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});
