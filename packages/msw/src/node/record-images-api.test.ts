import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLunosImageClient, type ImageGenerationResult } from '@lunos-image/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSecrets } from '../fixture/scan-secrets';
import { replay } from '../replay/replay';
import { imagesEvents } from '../test-utils/images-api';
import { loadFixtureSet } from './load-fixture-set';
import { type MockServer, startMockServer } from './start-mock-server';
import { type Recorder, startRecorder } from './start-recorder';

// A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
const KEY = `sk-or-v1-${'5e8b2a4f6c0d9e1b3a5c7f9e2d4b6a8c0e1f3a5b7c9d2e4f6a8b0c1d7f3a9c1d'}`;
const seedream = 'bytedance-seed/seedream-4.5';
const gptImage = 'openai/gpt-image-1';

/** Every file the recorder wrote, fixtures and blobs, as text. */
async function everyWrittenByte(dir: string): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const name = join(entry.parentPath, entry.name);
    out.push({ name, text: await readFile(name, 'latin1') });
  }
  return out;
}

const bytesOf = (result: ImageGenerationResult) => result.images.map((i) => [...i.bytes()]);

describe('recording the Images API routes, with the mock server as upstream', () => {
  let upstream: MockServer;
  let recorder: Recorder;
  let out: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    upstream = await startMockServer({ fixtures: false, requireAuth: true });
    out = await mkdtemp(join(tmpdir(), 'lunos-record-images-'));
    recorder = await startRecorder({ upstream: upstream.url, out, onError: (e) => errors.push(e) });
  });
  afterAll(async () => {
    await recorder.close();
    await upstream.close();
    await rm(out, { recursive: true, force: true });
  });

  it('writes JSON, SSE and both listings as fixtures the mock replays to core’s client, no key in any byte', async () => {
    const client = createLunosImageClient({
      apiKey: KEY,
      baseURL: `${recorder.url}/api/v1`,
      dialect: 'openrouter',
      maxRetries: 0,
    });
    const models = await client.listModels({ api: 'images' });
    const kites = {
      model: seedream,
      prompt: 'Two kites over the dunes',
      api: 'images',
      n: 2,
      aspectRatio: '16:9',
    } as const;
    const koi = { model: gptImage, prompt: 'A koi pond at dawn', api: 'images', n: 2 } as const;
    const json = await client.generateImage(kites);
    const streamed = await client.streamImage(koi).result();
    expect(json.images).toHaveLength(2);
    expect(streamed.images).toHaveLength(2);
    await recorder.idle();
    expect(errors).toEqual([]);

    const ids = recorder.written.map((p) => p.slice(out.length + 1, -'.json'.length)).sort();
    expect(ids).toEqual(
      [
        'recorded/image-models',
        ...models.map((m) => `recorded/image-endpoints-${m.id.replace(/[^a-z0-9]+/g, '-')}`),
        'recorded/images-a-koi-pond-at-dawn',
        'recorded/images-two-kites-over-the-dunes',
      ].sort(),
    );
    const set = await loadFixtureSet(out);
    const sse = set.get('recorded/images-a-koi-pond-at-dawn');
    expect(sse.request).toMatchObject({
      method: 'POST',
      path: '/api/v1/images',
      body: { model: gptImage, stream: true },
      match: { on: ['model', 'prompt', 'modalities', 'image_config', 'stream'] },
    });
    expect(sse.response.body.kind).toBe('sse');
    expect(set.get('recorded/images-two-kites-over-the-dunes').response.body.kind).toBe('json');
    expect(set.get('recorded/image-models').request.match.on).toEqual([]);

    // The images are blobs (bare base64 in the fixture: the Images API's `b64_json`).
    const written = await everyWrittenByte(out);
    const blobs = written.filter((f) => f.name.includes(`${join(out, 'blobs')}`));
    // 2 + 2 final images, and 2 previews of each streamed one.
    expect(blobs).toHaveLength(8);
    for (const f of written.filter((w) => w.name.endsWith('.json'))) {
      expect(f.text).not.toMatch(/"b64_json": "[A-Za-z0-9+/]{100}/);
      expect(scanSecrets(f.text, f.name)).toEqual([]);
    }
    for (const f of written) {
      expect(f.text, f.name).not.toContain(KEY);
      expect(f.text, f.name).not.toContain(KEY.slice(-24));
    }

    // Replayed by a mock that only answers with fixtures, to core's client.
    const replaying = await startMockServer({ fixturesDir: out, onUnmatched: 'error' });
    try {
      const replayed = createLunosImageClient({
        apiKey: KEY,
        baseURL: `${replaying.url}/api/v1`,
        dialect: 'openrouter',
        maxRetries: 0,
      });
      expect(bytesOf(await replayed.generateImage(kites))).toEqual(bytesOf(json));
      expect(bytesOf(await replayed.streamImage(koi).result())).toEqual(bytesOf(streamed));
      expect((await replayed.listModels({ api: 'images' })).map((m) => m.id)).toEqual(
        models.map((m) => m.id),
      );
      expect(replaying.mock.callsTo('images').map((c) => c.answer)).toEqual([
        { kind: 'fixture', fixtureId: 'recorded/images-two-kites-over-the-dunes', status: 200 },
        { kind: 'fixture', fixtureId: 'recorded/images-a-koi-pond-at-dawn', status: 200 },
      ]);
      // Listings come from the recorded ones (a recorded model list replaces the built-in one).
      expect(replaying.mock.callsTo('image-models')).toHaveLength(1);
    } finally {
      await replaying.close();
    }
  });
});

/** A fake OpenRouter answering `POST /api/v1/images` as SSE, echoing the key in its text chunks. */
function echoingUpstream(png: string): Server {
  const pieces = [
    'Your key: ',
    KEY.slice(0, 6),
    KEY.slice(6, 13),
    KEY.slice(13, 19),
    KEY.slice(19),
  ];
  const events = [
    ...pieces.map((text) => ({ type: 'image_generation.text_chunk', phase: 'reasoning', text })),
    { type: 'image_generation.partial_image', partial_image_index: 0, b64_json: png },
    {
      type: 'image_generation.completed',
      b64_json: png,
      media_type: 'image/png',
      created: 1,
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, cost: 0.01 },
    },
  ];
  return createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'set-cookie': `session=${KEY}; HttpOnly`,
        'x-generation-id': 'gen-1700000000-abcdefghij',
      });
      res.end(`${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`);
    });
  });
}

describe('recording an Images API stream that echoes the key', () => {
  it('scrubs the key cut across text chunks, drops the cookie, and keeps the stream’s bytes for the client', async () => {
    // The smallest PNG: a 1x1 picture, enough for the recorder to see an image.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const server = echoingUpstream(png);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'lunos-record-images-echo-'));
    const recorder = await startRecorder({
      upstream: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      out: dir,
      apiKey: KEY,
    });
    try {
      const response = await fetch(`${recorder.url}/api/v1/images`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `session=${KEY}` },
        body: JSON.stringify({ model: gptImage, prompt: 'echo', stream: true }),
      });
      const relayed = await imagesEvents(response);
      expect(relayed.map((e) => e.text ?? '').join('')).toBe(`Your key: ${KEY}`);
      await recorder.idle();
      expect(recorder.written).toHaveLength(1);
      const text = await readFile(recorder.written[0]!, 'utf8');
      expect(text).not.toContain('session=');
      expect(text).not.toContain('set-cookie');
      expect(text).not.toContain('cookie');
      for (const piece of [KEY, ...[0, 6, 13, 19].map((at) => KEY.slice(at, at + 6))]) {
        expect(text).not.toContain(piece);
      }
      const set = await loadFixtureSet(dir);
      const fixture = set.get('recorded/images-echo');
      expect(fixture.response.headers['x-generation-id']).toBe('gen-FIXTURE-1');
      const events = await imagesEvents(await replay(fixture, { loadBlob: set.loadBlob }));
      expect(events.map((e) => e.text ?? '').join('')).toBe('Your key: <API_KEY>');
      expect(events.filter((e) => e.b64_json === png)).toHaveLength(2);
    } finally {
      await recorder.close();
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
