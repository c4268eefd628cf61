import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { decodeBase64 } from '../image/base64';
import {
  type ControlledBody,
  controlledBody,
  fakeFetch,
  jsonResponse,
  sseData,
  sseResponse,
} from '../test-utils/fake-fetch';
import { finalPng } from '../test-utils/images-wire-examples';
import { APP, jobIdOf } from '../test-utils/job-handler';
import { readJobStream, recordingJobStore } from '../test-utils/job-streams';
import { createLunosImageHandler } from './create-lunos-image-handler';
import { memoryJobStore } from './jobs/memory-job-store';
import { memoryLimitStore } from './limits/memory-limit-store';
import type { LunosImageHandlerOptions } from './lunos-image-handler-options';

const KEY = `sk-or-v1-${'3e4f5a6b'.repeat(8)}`;
const DAY_MS = 86_400_000;
const GEMINI = 'google/gemini-2.5-flash-image';
const COST = 0.0387;

const catalogue = {
  data: [
    {
      id: GEMINI,
      name: 'Gemini 2.5 Flash Image',
      architecture: { input_modalities: ['text', 'image'], output_modalities: ['image', 'text'] },
      pricing: { prompt: '0.0000003', completion: '0.0000025', image_output: '0.00003' },
    },
  ],
};

const chatBody = (more: Record<string, unknown> = {}) => ({
  model: GEMINI,
  messages: [{ role: 'user', content: 'a sunset' }],
  stream: true,
  ...more,
});

/** A chat answer with one image and its usage, as the upstream streams it. */
const chatAnswer = () => {
  const image = { type: 'image_url', image_url: { url: `data:image/png;base64,${finalPng}` } };
  const done = { index: 0, delta: { content: '' }, finish_reason: 'stop' };
  return [
    sseData({ choices: [{ index: 0, delta: { role: 'assistant', images: [image] } }] }),
    sseData({ choices: [done], usage: { prompt_tokens: 12, completion_tokens: 1290, cost: COST } }),
    'data: [DONE]\n\n',
  ].join('');
};

const userOf = (request: Request) => request.headers.get('x-user') ?? undefined;

/**
 * A handler with jobs, `limits.spend` per user and the options given, in front of an upstream
 * whose generation answers the test writes (`bodies[n]`).
 */
function setup(more: Partial<LunosImageHandlerOptions>) {
  const store = recordingJobStore(memoryJobStore());
  const bodies: ControlledBody[] = [];
  const fetch = fakeFetch((call) => {
    if (new URL(call.url).pathname.endsWith('/models')) return jsonResponse(catalogue);
    const body = controlledBody();
    bodies.push(body);
    return sseResponse(body.stream);
  });
  const limitStore = memoryLimitStore();
  const handler = createLunosImageHandler({
    apiKey: KEY,
    baseURL: 'https://upstream.test/v1',
    fetch,
    dialect: 'openrouter',
    jobs: { store },
    limits: { spend: { key: userOf, usd: 1, windowMs: DAY_MS }, store: limitStore },
    ...more,
  });
  const generations = () =>
    fetch.calls.filter((c) => new URL(c.url).pathname.endsWith('/chat/completions'));
  /** Answers generation `n` whole. */
  const answer = async (n: number) => {
    await vi.waitFor(() => expect(bodies[n]).toBeDefined());
    bodies[n]?.push(chatAnswer());
    bodies[n]?.close();
  };
  const spent = () => limitStore.spent('user-1', { windowMs: DAY_MS });
  /** Resolves once a job's key was given back (its job ended other than cached). */
  const released = () =>
    vi.waitFor(() => expect(store.calls.some((c) => c.method === 'release')).toBe(true));
  return { handler, generations, answer, spent, bodies, released };
}

const post = (handler: (r: Request) => Promise<Response>, body: unknown, user = 'user-1') =>
  handler(
    new Request(`${APP}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': user },
      body: JSON.stringify(body),
    }),
  );

/** The bytes of every image a job stream names, fetched from the handler. */
async function imagesOf(handler: (r: Request) => Promise<Response>, response: Response) {
  const read = await readJobStream(response);
  const urls = read.events.flatMap((e) =>
    e.data.includes('"images"')
      ? (JSON.parse(e.data).choices[0].delta.images as { image_url: { url: string } }[]).map(
          (i) => i.image_url.url,
        )
      : [],
  );
  const bytes: Uint8Array[] = [];
  for (const url of urls) {
    const image = await handler(
      new Request(new URL(url, APP), { headers: { 'x-user': 'user-1' } }),
    );
    expect(image.status).toBe(200);
    bytes.push(new Uint8Array(await image.arrayBuffer()));
  }
  return { read, bytes };
}

describe('dedupe: true', () => {
  it('makes 20 identical concurrent requests one upstream generation, one reservation, the same images', async () => {
    const { handler, generations, answer, spent } = setup({ dedupe: true });
    const responses = Promise.all(Array.from({ length: 20 }, () => post(handler, chatBody())));
    await answer(0);
    const answers = await responses;
    expect(generations()).toHaveLength(1);
    const ids = new Set(answers.map((r) => jobIdOf(r)));
    expect(ids.size).toBe(1);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(answers.every((r) => r.headers.get('x-lunos-cache') === null)).toBe(true);
    const png = decodeBase64(finalPng);
    for (const response of answers) {
      const { read, bytes } = await imagesOf(handler, response);
      expect(read.events.at(-1)?.data).toBe('{"status":"done"}');
      expect(bytes).toHaveLength(1);
      expect(Buffer.from(bytes[0] as Uint8Array).equals(Buffer.from(png))).toBe(true);
    }
    await vi.waitFor(async () => expect((await spent()).settledUsd).toBeCloseTo(COST, 9));
    expect((await spent()).heldUsd).toBe(0);
  });

  it('shares nothing between different bodies or different owners', async () => {
    const { handler, generations, answer } = setup({ dedupe: true });
    const first = post(handler, chatBody());
    const other = post(handler, chatBody({ messages: [{ role: 'user', content: 'a storm' }] }));
    const stranger = post(handler, chatBody(), 'user-2');
    // The same body with its keys in another order and `stream` otherwise: shared.
    const reordered = post(
      handler,
      Object.fromEntries(Object.entries({ ...chatBody(), stream: false }).reverse()),
    );
    await vi.waitFor(() => expect(generations()).toHaveLength(3));
    for (const n of [0, 1, 2]) await answer(n);
    const [a, b, c, d] = await Promise.all([first, other, stranger, reordered]);
    const ids = [a, b, c, d].map((r) => jobIdOf(r as Response));
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    expect(ids[3]).toBe(ids[0]);
    expect(generations()).toHaveLength(3);
  });

  it('runs a new generation once the identical one has ended (no cache)', async () => {
    const { handler, generations, answer, released } = setup({ dedupe: true });
    const first = post(handler, chatBody({ seed: 7 }));
    await answer(0);
    await readJobStream(await first);
    await released();
    const again = post(handler, chatBody({ seed: 7 }));
    await answer(1);
    expect(jobIdOf(await again)).not.toBe(jobIdOf(await first));
    expect(generations()).toHaveLength(2);
  });
});

describe('cache: { ttlMs }', () => {
  it('answers an identical request with a seed from the finished job: x-lunos-cache: hit, no upstream call, nothing spent', async () => {
    const { handler, generations, answer, spent } = setup({ cache: { ttlMs: 60_000 } });
    const first = post(handler, chatBody({ seed: 42 }));
    await answer(0);
    const firstImages = await imagesOf(handler, await first);
    await vi.waitFor(async () => expect((await spent()).settledUsd).toBeCloseTo(COST, 9));
    const hit = await post(handler, chatBody({ seed: 42, stream: false }));
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-lunos-cache')).toBe('hit');
    expect(hit.headers.get('x-lunos-budget-remaining')).toBeNull();
    expect(jobIdOf(hit)).toBe(jobIdOf(await first));
    const hitImages = await imagesOf(handler, hit);
    expect(hitImages.read.events.map((e) => e.data)).toEqual(
      firstImages.read.events.map((e) => e.data),
    );
    expect(hitImages.bytes).toEqual(firstImages.bytes);
    expect(generations()).toHaveLength(1);
    expect(await spent()).toEqual({ settledUsd: COST, heldUsd: 0 });
    // Another seed is another picture.
    const other = post(handler, chatBody({ seed: 43 }));
    await answer(1);
    expect((await other).headers.get('x-lunos-cache')).toBeNull();
    expect(generations()).toHaveLength(2);
  });

  it('never answers a request without a seed from the cache', async () => {
    const { handler, generations, answer, spent } = setup({ cache: { ttlMs: 60_000 } });
    const first = post(handler, chatBody());
    await answer(0);
    await readJobStream(await first);
    await vi.waitFor(async () => expect((await spent()).settledUsd).toBeCloseTo(COST, 9));
    const again = post(handler, chatBody());
    await answer(1);
    const response = await again;
    expect(response.headers.get('x-lunos-cache')).toBeNull();
    expect(jobIdOf(response)).not.toBe(jobIdOf(await first));
    expect(generations()).toHaveLength(2);
  });

  it('does not answer from a job that did not end done', async () => {
    const { handler, generations, answer, bodies, released } = setup({ cache: { ttlMs: 60_000 } });
    const first = post(handler, chatBody({ seed: 5 }));
    await vi.waitFor(() => expect(bodies[0]).toBeDefined());
    // The upstream cuts the answer: the job fails, and its key is given back.
    bodies[0]?.error();
    const read = await readJobStream(await first);
    expect(JSON.parse(read.events.at(-1)?.data ?? '{}').status).toBe('failed');
    await released();
    const again = post(handler, chatBody({ seed: 5 }));
    await answer(1);
    expect((await again).headers.get('x-lunos-cache')).toBeNull();
    expect(generations()).toHaveLength(2);
  });
});

describe('dedupe and cache options', () => {
  it('refuses dedupe or cache without jobs, naming the option', () => {
    const make = (options: LunosImageHandlerOptions) => () =>
      createLunosImageHandler({ apiKey: KEY, ...options });
    for (const [options, path] of [
      [{ dedupe: true }, 'dedupe'],
      [{ cache: { ttlMs: 1000 } }, 'cache'],
      [{ jobs: { store: memoryJobStore() }, cache: { ttlMs: 0 } }, 'cache.ttlMs'],
      [{ jobs: { store: memoryJobStore() }, dedupe: 'yes' as unknown as boolean }, 'dedupe'],
    ] as const) {
      const error = (() => {
        try {
          make(options)();
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe(path);
    }
    const { claim: _claim, release: _release, ...plain } = memoryJobStore();
    expect(make({ jobs: { store: plain }, dedupe: true })).toThrow(/claim and release/);
    expect(make({ jobs: { store: memoryJobStore() }, dedupe: false })).not.toThrow();
  });
});
