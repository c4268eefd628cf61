import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLunosImageClient } from '@lunos-image/core';
import type { SseItem } from '@lunos-image/core/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretLeakError } from '../errors/secret-leak-error';
import { scanSecrets } from '../fixture/scan-secrets';
import { replay } from '../replay/replay';
import { decodeBody } from '../test-utils/decode-body';
import { REPO_FIXTURES_DIR } from '../test-utils/repo-fixtures';
import { loadFixtureSet } from './load-fixture-set';
import { type MockServer, startMockServer } from './start-mock-server';
import { type Recorder, startRecorder } from './start-recorder';

// A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
const KEY = `sk-or-v1-${'7f3a9c1d5e8b2a4f6c0d9e1b3a5c7f9e2d4b6a8c0e1f3a5b7c9d2e4f6a8b0c1d'}`;
let upstream: MockServer;
let recorder: Recorder;
let out: string;
const errors: unknown[] = [];

beforeAll(async () => {
  upstream = await startMockServer({ fixturesDir: REPO_FIXTURES_DIR, requireAuth: true });
  out = await mkdtemp(join(tmpdir(), 'lunos-record-'));
  recorder = await startRecorder({ upstream: upstream.url, out, onError: (e) => errors.push(e) });
});
afterAll(async () => {
  await recorder.close();
  await upstream.close();
  await rm(out, { recursive: true, force: true });
});

/** Generation ids are replaced by placeholders when recording; compare everything else. */
const withoutIds = (items: SseItem[]) =>
  items.map((i) =>
    i.type === 'event' ? { ...i, data: i.data.replace(/gen-[\w-]+/g, 'gen-ID') } : i,
  );

describe('startRecorder, with the mock server as upstream', () => {
  it('writes fixtures that replay to the same decoded events, with no key in them', async () => {
    const client = createLunosImageClient({
      apiKey: KEY,
      baseURL: `${recorder.url}/api/v1`,
      dialect: 'openrouter',
      maxRetries: 0,
    });
    const variables = {
      model: 'google/gemini-3.1-flash-image-preview',
      prompt: 'A futuristic city at night with flying cars and neon lights',
      aspectRatio: '21:9',
      imageSize: '2K',
    } as const;
    const result = await client.streamImage(variables).result();
    expect(result.images[0]!.width).toBe(3072);
    await client.listModels();
    await recorder.idle();
    expect(errors).toEqual([]);
    expect(recorder.written.map((p) => p.slice(out.length + 1)).sort()).toEqual([
      'recorded/a-futuristic-city-at-night-with.json',
      'recorded/models-openrouter.json',
    ]);

    const set = await loadFixtureSet(out);
    const fixture = set.get('recorded/a-futuristic-city-at-night-with');
    expect(fixture.source).toBe('recorded');
    expect(fixture.request.headers).not.toHaveProperty('authorization');
    expect(Object.keys(fixture.response.headers).sort()).toEqual([
      'cache-control',
      'content-type',
      'x-generation-id',
    ]);
    expect(fixture.response.headers['x-generation-id']).toBe('gen-FIXTURE-1');
    expect(fixture.response.body.kind).toBe('sse');

    // The upstream answer, straight from the original fixture, against the recording's replay.
    const original = await loadFixtureSet(REPO_FIXTURES_DIR);
    const direct = await decodeBody(
      await replay(original.get('chat/futuristic-city-stream'), { loadBlob: original.loadBlob }),
    );
    const replayed = await decodeBody(await replay(fixture, { loadBlob: set.loadBlob }));
    expect(withoutIds(replayed)).toEqual(withoutIds(direct));

    for (const name of await readdir(join(out, 'recorded'))) {
      const text = await readFile(join(out, 'recorded', name), 'utf8');
      expect(text).not.toContain(KEY);
      expect(scanSecrets(text, name)).toEqual([]);
    }
    expect(
      (await readdir(join(out, 'blobs'))).every((b) => /^sha256-[0-9a-f]{64}\.png$/.test(b)),
    ).toBe(true);
  });

  it('records errors and keeps the timing of the stream', async () => {
    const response = await fetch(`${recorder.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'x-lunos-mock-timing': 'speed=10' },
      body: JSON.stringify({
        model: 'openrouter/google/gemini-2.5-flash-image',
        messages: [{ role: 'user', content: 'Generate a beautiful sunset over mountains' }],
        modalities: ['image', 'text'],
        stream: true,
      }),
    });
    await response.text();
    const unauthorized = await fetch(`${recorder.url}/v1/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(unauthorized.status).toBe(401);
    await recorder.idle();
    const set = await loadFixtureSet(out);
    const sunset = set.get('recorded/generate-a-beautiful-sunset-over-mountains');
    if (sunset.response.body.kind !== 'sse') throw new Error('expected a stream');
    const gaps = sunset.response.body.events.map((e) => e.dt);
    // The image came 3900 ms after the caption in the original, replayed 10x faster.
    expect(Math.abs(gaps[3]! - 390)).toBeLessThan(39);
    expect(set.get('recorded/request').response.status).toBe(401);
  });

  it('refuses to write a recording that still holds a credential', async () => {
    errors.length = 0;
    const before = recorder.written.length;
    const leak = JSON.stringify({
      type: 'in-band-error',
      // A fake token, assembled here so no token-shaped text sits in the source.
      message: `upstream said: ${'Bearer'} abcdefghijklmnopqrstuvwxyz0123`,
    });
    const response = await fetch(`${recorder.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'x-lunos-mock-fault': leak },
      body: JSON.stringify({
        model: 'openrouter/google/gemini-2.5-flash-image',
        messages: [{ role: 'user', content: 'A leaky request' }],
        modalities: ['image', 'text'],
        stream: true,
      }),
    });
    await response.text();
    await recorder.idle();
    expect(recorder.written.length).toBe(before);
    expect(errors).toHaveLength(1);
    expect(SecretLeakError.isInstance(errors[0])).toBe(true);
    expect(String(errors[0])).not.toContain('abcdefghijklmnopqrstuvwxyz0123');
  });
});

describe('startRecorder, with an upstream that echoes the key in pieces', () => {
  it('scrubs a key cut across text deltas, however short each piece is', async () => {
    // Cut so that no piece holds 8 characters of the key: per-string redaction finds nothing.
    const pieces = [
      'Your key is ',
      KEY.slice(0, 7),
      KEY.slice(7, 13),
      KEY.slice(13, 20),
      KEY.slice(20),
      ' ok',
    ];
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'gen-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content } }] })}\n\n`;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`${pieces.map(chunk).join('')}data: [DONE]\n\n`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'lunos-record-split-'));
    const split = await startRecorder({
      upstream: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      out: dir,
      apiKey: KEY,
    });
    try {
      const response = await fetch(`${split.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'm',
          messages: [{ role: 'user', content: 'echo' }],
          stream: true,
        }),
      });
      // The client still gets the answer as the upstream sent it.
      expect(await response.text()).toContain(pieces[2]);
      await split.idle();
      expect(split.written).toHaveLength(1);
      const text = await readFile(split.written[0]!, 'utf8');
      for (const piece of pieces.slice(1, 5)) expect(text).not.toContain(piece);
      const contents = (
        JSON.parse(text) as {
          response: {
            body: { events: { data?: { choices: { delta: { content: string } }[] } }[] };
          };
        }
      ).response.body.events.flatMap((e) =>
        e.data?.choices ? [e.data.choices[0]!.delta.content] : [],
      );
      expect(contents.join('')).toBe('Your key is <API_KEY> ok');
    } finally {
      await split.close();
      server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
