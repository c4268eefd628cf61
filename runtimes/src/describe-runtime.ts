import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyPieces } from '../../test-utils/key-pieces';
import { startUpstreamRelay, type UpstreamRelay } from '../../test-utils/start-upstream-relay';
import { CLIENT_CHECK } from '../harness/client-check.mjs';
import type { InstalledRuntime } from './install-runtime';
import { pngSize } from './png-size';
import { RUNTIMES, type RuntimeName } from './runtimes';
import { type RuntimeServer, startRuntimeServer } from './start-runtime-server';

type Core = typeof import('@lunos-image/core');
type MswNode = typeof import('@lunos-image/msw/node');

/** The harness variant's heartbeat: short, so the leave test is too. */
const HEARTBEAT_MS = 500;
/** The models the harness variant's `allowModels` lets through, and one the mock lists that it does not. */
const ALLOWED = [CLIENT_CHECK.model, 'openrouter/google/gemini-3-pro-image-preview'];
const NOT_ALLOWED = 'openrouter/openai/gpt-5-image-mini';

/** A fixture the package ships, replayed at its recorded pace: 21.5 s, 9.8 s of it silent. */
const GAP_FIXTURE = {
  id: 'chat/restaurant-progressive-stream',
  request: {
    model: 'openrouter/google/gemini-3-pro-image-preview',
    prompt: 'Create a picture of a nano banana dish in a fancy restaurant',
    aspectRatio: '16:9',
    imageSize: '4K',
  },
} as const;

/** How long the packed fixture takes at its recorded pace, and its longest silence. */
function recordedPace(app: string): { durationMs: number; longestGapMs: number } {
  const require = createRequire(join(app, 'package.json'));
  const folder = dirname(require.resolve('@lunos-image/msw/package.json'));
  const fixture = JSON.parse(
    readFileSync(join(folder, 'fixtures', `${GAP_FIXTURE.id}.json`), 'utf8'),
  );
  const gaps: number[] = fixture.response.body.events.map((event: { dt: number }) => event.dt);
  return {
    durationMs: fixture.response.headersAfterMs + gaps.reduce((sum, dt) => sum + dt, 0),
    longestGapMs: Math.max(...gaps),
  };
}

/** The packed packages, loaded from the app (never the workspace's sources). */
async function packed(app: string): Promise<{ core: Core; mswNode: MswNode }> {
  const require = createRequire(join(app, 'package.json'));
  const load = (name: string) => import(pathToFileURL(require.resolve(name)).href);
  return { core: await load('@lunos-image/core'), mswNode: await load('@lunos-image/msw/node') };
}

interface ImageLike {
  mimeType: string;
  width: number | undefined;
  height: number | undefined;
  base64: string | undefined;
}

/**
 * The image is a whole PNG of the size the client reports (and of `width` × `height` when
 * given): its bytes say so.
 */
function expectPng(image: ImageLike | undefined, width?: number, height?: number): void {
  expect(image?.mimeType).toBe('image/png');
  const size = pngSize(Buffer.from(image?.base64 ?? '', 'base64'));
  expect(size).toEqual({ width: image?.width, height: image?.height });
  if (width !== undefined) expect(size).toEqual({ width, height });
}

/**
 * A fetch that shows each response to `onResponse`, and each body chunk to the tap it returned,
 * before the client gets them.
 */
function tappedFetch(onResponse: (response: Response) => (chunk: Uint8Array) => void) {
  const tapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const tap = onResponse(response);
    const body = response.body?.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          tap(chunk);
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, response);
  };
  return tapped;
}

/** A fetch that keeps every status, header and body byte it receives, to search for the key. */
function recordingFetch() {
  const received: { head: string; chunks: Uint8Array[] }[] = [];
  const record = tappedFetch((response) => {
    const seen = {
      head: `${response.status} ${JSON.stringify([...response.headers])}`,
      chunks: [] as Uint8Array[],
    };
    received.push(seen);
    return (chunk) => seen.chunks.push(chunk);
  });
  const texts = () =>
    received.map(({ head, chunks }) => `${head}\n${Buffer.concat(chunks).toString('latin1')}`);
  return { fetch: record, texts };
}

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/**
 * The suite for one runtime: the packed client in it against the mock server, and README.md's
 * snippet for it served by its own server (as written: `readme`; with the suite's handler options:
 * `harness`), the client in Node on the other side and a relay in front of the mock upstream.
 */
export function describeRuntime(name: RuntimeName): void {
  const runtime = RUNTIMES[name];
  const title = `${runtime.label} ${runtime.version}`;
  const suite = inject('runtimeSuite');
  const install = suite.runtimes[name];
  const node24 = suite.runtimes.node24;
  const problem =
    suite.problem ||
    ('problem' in install ? install.problem : '') ||
    // miniflare and edge-runtime run in a Node 24 host process.
    (runtime.bin === undefined && 'problem' in node24
      ? `${title} runs on Node 24: ${node24.problem}`
      : '');
  if (problem && process.env.LUNOS_E2E === 'required') {
    it(`${title} is installed`, () => expect.fail(problem));
    return;
  }

  // Without the runtime its tests are skipped (the global setup warned why).
  describe.skipIf(problem !== '')(title, () => {
    const apiKey = ['sk', 'lunos', 'runtimes', randomBytes(24).toString('hex')].join('-');
    let core: Core;
    let mock: Awaited<ReturnType<MswNode['startMockServer']>>;
    let relay: UpstreamRelay;
    let readme: RuntimeServer;
    let harness: RuntimeServer;

    beforeAll(async () => {
      const modules = await packed(suite.app);
      core = modules.core;
      // The mock answers 401 to a call without a key: an answer proves the handler added one.
      mock = await modules.mswNode.startMockServer({ requireAuth: true });
      relay = await startUpstreamRelay(mock.url);
      const start = (variant: 'readme' | 'harness') =>
        startRuntimeServer({
          name,
          install: install as InstalledRuntime,
          node24: node24 as InstalledRuntime,
          app: suite.app,
          variant,
          apiKey,
          config: {
            upstream: relay.url,
            ...(variant === 'harness' && {
              handler: { apiKey, allowModels: ALLOWED, heartbeatMs: HEARTBEAT_MS },
            }),
          },
        });
      [readme, harness] = await Promise.all([start('readme'), start('harness')]);
    });

    afterAll(async () => {
      await Promise.all([readme?.close(), harness?.close()]);
      await relay?.close();
      await mock?.close();
    });

    it('runs the client: listModels, generateImage and streamImage against the mock, PNGs whole', async () => {
      const response = await fetch(
        `${harness.url}/__client-check?mock=${encodeURIComponent(mock.url)}`,
      );
      const check = await response.json();
      expect(response.status, check.error).toBe(200);
      expect(check.models).toContain(CLIENT_CHECK.model);
      // Gemini's documented sizes for the ratios asked.
      expectPng(check.generated, 1344, 768);
      expectPng(check.streamed, 1024, 1024);
      expect(check.events).toEqual(expect.arrayContaining(['image', 'finish']));
    });

    it(`relays a streamed generation from the README's snippet, the key in no byte the client receives`, async () => {
      const seen = recordingFetch();
      const client = core.createLunosImageClient({
        baseURL: `${readme.url}/api/lunos`,
        maxRetries: 0,
        fetch: seen.fetch,
      });
      const before = relay.requests.length;
      expect((await client.listModels()).map((model) => model.id)).toContain(CLIENT_CHECK.model);
      const stream = client.streamImage({
        model: CLIENT_CHECK.model,
        ...CLIENT_CHECK.generate,
      });
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      expect(types).toEqual(expect.arrayContaining(['text-delta', 'image', 'finish']));
      expectPng((await stream.result()).images[0], 1344, 768);

      const upstream = relay.requests.slice(before);
      expect(upstream.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
        'GET /v1/models',
        'POST /v1/chat/completions',
      ]);
      // The server's key went upstream, and both answers finished (nothing was cut short).
      for (const request of upstream) {
        expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
        expect(request.finished).toBe(true);
      }
      const pieces = keyPieces(apiKey);
      const leaks = seen.texts().filter((text) => pieces.some((piece) => text.includes(piece)));
      expect(leaks).toEqual([]);
    });

    it('answers bad requests with the documented 4xx in the API error shape, and serves on', async () => {
      const api = `${harness.url}/api/lunos`;
      const json = { 'content-type': 'application/json' };
      const chat = (body: unknown) => ({
        model: CLIENT_CHECK.model,
        messages: [{ role: 'user', content: 'a fox' }],
        stream: true,
        ...(body as object),
      });
      const cases: [string, string, RequestInit, number, string][] = [
        [
          'invalid JSON',
          '/chat/completions',
          { method: 'POST', headers: json, body: '{"model":' },
          400,
          'invalid_json',
        ],
        [
          'a body the schema refuses',
          '/chat/completions',
          { method: 'POST', headers: json, body: JSON.stringify(chat({ messages: 'a fox' })) },
          400,
          'invalid_request',
        ],
        [
          'a model outside allowModels',
          '/chat/completions',
          { method: 'POST', headers: json, body: JSON.stringify(chat({ model: NOT_ALLOWED })) },
          403,
          'model_not_allowed',
        ],
        [
          'a foreign Origin',
          '/chat/completions',
          {
            method: 'POST',
            headers: { ...json, origin: 'https://elsewhere.example' },
            body: JSON.stringify(chat({})),
          },
          403,
          'origin_not_allowed',
        ],
        ['a wrong method', '/chat/completions', { method: 'GET' }, 405, 'method_not_allowed'],
        ['an unknown route', '/v1/nothing-here', { method: 'GET' }, 404, 'not_found'],
        [
          'an unknown query parameter',
          '/models?colour=blue',
          { method: 'GET' },
          400,
          'invalid_request',
        ],
        [
          'text/plain',
          '/chat/completions',
          {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: JSON.stringify(chat({})),
          },
          415,
          'unsupported_media_type',
        ],
      ];
      const before = relay.requests.length;
      for (const [what, path, init, status, errorType] of cases) {
        const response = await fetch(`${api}${path}`, init);
        const body = await response.json().catch(() => 'not JSON');
        expect({ what, status: response.status, body }).toEqual({
          what,
          status,
          body: {
            error: {
              code: status,
              message: expect.any(String),
              metadata: expect.objectContaining({ error_type: errorType }),
            },
          },
        });
      }
      // Nothing refused reached the provider, and the server still serves.
      expect(relay.requests.length).toBe(before);
      const models = await fetch(`${api}/models`);
      expect(models.status).toBe(200);
      expect(JSON.stringify(await models.json())).toContain(CLIENT_CHECK.model);
    });

    it(`streams a realtime-paced fixture through a long silent gap to the end, via the README's snippet (defaults)`, async () => {
      const pace = recordedPace(suite.app);
      expect(pace.longestGapMs, 'the fixture still has its long silence').toBeGreaterThanOrEqual(
        9_000,
      );
      mock.mock.next({ fixture: GAP_FIXTURE.id, timing: 'realtime' });
      const client = core.createLunosImageClient({
        baseURL: `${readme.url}/api/lunos`,
        maxRetries: 0,
      });
      const before = relay.requests.length;
      const started = performance.now();
      const stream = client.streamImage(GAP_FIXTURE.request);
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      const result = await stream.result();
      // It was replayed at its pace (the silence happened), and arrived whole.
      expect(performance.now() - started).toBeGreaterThan(pace.durationMs - 500);
      expect(types.at(-1)).toBe('finish');
      expectPng(result.images[0]);
      // A finished answer: the upstream request ended with its answer, not cut.
      expect(relay.requests.slice(before).map((r) => r.finished)).toEqual([true]);
    }, 60_000);

    it(`keeps a silent stream alive: a byte at least every heartbeatMs + 1 s, a 1.5 s idle timeout never hit (heartbeatMs: ${HEARTBEAT_MS})`, async () => {
      // A shipped fixture at twice its recorded pace: 4.3 s, its longest silence 1.95 s.
      mock.mock.next({ fixture: 'chat/sunset-stream', timing: { speed: 2 } });
      const arrivals: number[] = [];
      const timedFetch = tappedFetch(() => () => arrivals.push(performance.now()));
      const client = core.createLunosImageClient({
        baseURL: `${harness.url}/api/lunos`,
        maxRetries: 0,
        fetch: timedFetch,
        timeout: { idleMs: 1_500 },
      });
      const stream = client.streamImage({
        model: CLIENT_CHECK.model,
        prompt: 'Generate a beautiful sunset over mountains',
      });
      expectPng((await stream.result()).images[0]);
      const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(HEARTBEAT_MS + 1_000);
    });

    it(`aborts a silent upstream within heartbeatMs + 1 s when the browser leaves (heartbeatMs: ${HEARTBEAT_MS})`, async () => {
      // The upstream sends its first event, then nothing until its request is aborted.
      mock.mock.next({ faults: [{ type: 'stall', afterEvents: 1 }] });
      const before = relay.requests.length;
      const browser = new AbortController();
      const response = await fetch(`${harness.url}/api/lunos/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: CLIENT_CHECK.model,
          messages: [{ role: 'user', content: 'a fox in the snow' }],
          stream: true,
        }),
        signal: browser.signal,
      });
      expect(response.status).toBe(200);
      await response.body!.getReader().read();
      const upstream = relay.requests[before];
      expect(upstream?.closedAt).toBeUndefined();
      const leftAt = performance.now();
      browser.abort();
      const bound = HEARTBEAT_MS + 1_000;
      await waitFor(() => upstream?.closedAt !== undefined, bound + 1_000);
      const openFor = (upstream?.closedAt ?? performance.now()) - leftAt;
      expect(
        openFor,
        `the upstream request was still open ${Math.round(openFor)} ms after the browser left`,
      ).toBeLessThanOrEqual(bound);
      // A browser that left: the upstream request was cut, not finished.
      expect(upstream?.finished).toBe(false);
    });

    it('prints no warning or error (stderr empty), and no piece of the key, while serving', () => {
      expect(readme.stderr()).toBe('');
      expect(harness.stderr()).toBe('');
      const printed = [readme, harness].map((server) => server.stdout()).join('\n');
      expect(keyPieces(apiKey).filter((piece) => printed.includes(piece))).toEqual([]);
    });
  });
}
