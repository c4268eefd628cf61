import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { estimateImageCost } from '../models/estimate-image-cost';
import { normalizeModels } from '../models/normalize-models';
import {
  type FakeFetch,
  fakeFetch,
  jsonResponse,
  sseData,
  sseResponse,
} from '../test-utils/fake-fetch';
import { geminiPricedEntry } from '../test-utils/gemini-priced-entry';
import { finalPng, imagesEvent, seedreamEndpoints } from '../test-utils/images-wire-examples';
import { APP, del, get, jobIdOf } from '../test-utils/job-handler';
import { createLunosImageHandler } from './create-lunos-image-handler';
import { memoryJobStore } from './jobs/memory-job-store';
import type { LimitStore } from './limits/limit-store';
import { memoryLimitStore } from './limits/memory-limit-store';
import type { LunosImageHandlerOptions, SpendLimitOptions } from './lunos-image-handler-options';

const KEY = `sk-or-v1-${'7a6b5c4d'.repeat(8)}`;
const USER = 'user-4711';
const DAY_MS = 86_400_000;
const GEMINI = 'google/gemini-2.5-flash-image';
const SEEDREAM = 'bytedance-seed/seedream-4.5';

const catalogue = {
  data: [
    geminiPricedEntry,
    {
      id: 'acme/unpriced-image',
      name: 'No price',
      architecture: { input_modalities: ['text'], output_modalities: ['image'] },
      pricing: {},
    },
  ],
};
/** What the client and the playground show before Generate for one Gemini image. */
const GEMINI_USD = estimateImageCost(
  normalizeModels('openrouter', catalogue).find((m) => m.id === GEMINI)!,
  { n: 1 },
) as number;

const chatBody = (model = GEMINI, more: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'a sunset' }],
  stream: true,
  ...more,
});
const imagesBody = (more: Record<string, unknown> = {}) => ({
  model: SEEDREAM,
  prompt: 'a lighthouse',
  stream: true,
  ...more,
});

/** A chat answer with its image, then the usage chunk (`usage` as given, raw when a string; none when null). */
function chatAnswer(usage: unknown = { prompt_tokens: 12, completion_tokens: 1290, cost: 0.0387 }) {
  const image = { type: 'image_url', image_url: { url: `data:image/png;base64,${finalPng}` } };
  const done = { index: 0, delta: { content: '' }, finish_reason: 'stop' };
  return [
    sseData({ choices: [{ index: 0, delta: { role: 'assistant', images: [image] } }] }),
    typeof usage === 'string'
      ? `data: {"choices":[${JSON.stringify(done)}],"usage":${usage}}\n\n`
      : sseData({ choices: [done], ...(usage !== null && { usage }) }),
    'data: [DONE]\n\n',
  ].join('');
}

type Answer = (call: FakeFetch['calls'][number]) => Response | Promise<Response>;

/** A handler with limits in front of an upstream serving the catalogue and `answer`. */
function limited(
  limits: LunosImageHandlerOptions['limits'],
  answer: Answer = () => sseResponse(chatAnswer()),
  more: Partial<LunosImageHandlerOptions> = {},
) {
  const warnings: string[] = [];
  const fetch = fakeFetch((call) => {
    const path = new URL(call.url).pathname;
    if (path.endsWith('/models')) return jsonResponse(catalogue);
    if (path.endsWith(`/images/models/${SEEDREAM}/endpoints`))
      return jsonResponse(seedreamEndpoints);
    if (path.includes('/images/models/'))
      return jsonResponse({ error: { code: 404, message: 'no' } }, 404);
    return answer(call);
  });
  const handler = createLunosImageHandler({
    apiKey: KEY,
    baseURL: 'https://upstream.test/v1',
    fetch,
    dialect: 'openrouter',
    onWarning: (message) => warnings.push(message),
    limits,
    ...more,
  });
  const generations = () =>
    fetch.calls.filter((c) => /\/(chat\/completions|images)$/.test(new URL(c.url).pathname));
  return { handler, fetch, warnings, generations };
}

const post = (
  handler: (r: Request) => Promise<Response>,
  path: '/chat/completions' | '/images',
  body: unknown,
  user: string | undefined = USER,
  init: RequestInit = {},
) =>
  handler(
    new Request(`${APP}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(user && { 'x-user': user }) },
      body: JSON.stringify(body),
      ...init,
    }),
  );

const userKey = (request: Request) => request.headers.get('x-user') ?? undefined;
const spendOf = (store: LimitStore, more: Partial<SpendLimitOptions> = {}) => ({
  spend: { key: userKey, usd: 1, windowMs: DAY_MS, ...more },
  store,
});

/** What the store holds for USER once every reservation in flight has settled. */
async function settled(store: LimitStore, key = USER) {
  for (let i = 0; i < 200; i++) {
    const used = await store.spent(key, { windowMs: DAY_MS });
    if (used.heldUsd === 0) return used.settledUsd;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('a reservation never settled');
}

async function errorOf(response: Response) {
  return (
    (await response.json()) as {
      error: { code: number; message: string; metadata: Record<string, unknown> };
    }
  ).error;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('limits options', () => {
  const make = (limits: unknown) => () =>
    createLunosImageHandler({ apiKey: KEY, limits: limits as LunosImageHandlerOptions['limits'] });
  const spend = { key: userKey, usd: 5, windowMs: DAY_MS };
  const rate = { key: userKey, requests: 20, windowMs: 60_000 };

  it.each([
    [{ spend: { ...spend, usd: -1 } }, 'limits.spend.usd'],
    [{ spend: { ...spend, usd: Number.NaN } }, 'limits.spend.usd'],
    [{ spend: { ...spend, usd: Number.POSITIVE_INFINITY } }, 'limits.spend.usd'],
    [{ spend: { ...spend, usd: '5' } }, 'limits.spend.usd'],
    [{ spend: { ...spend, key: 'x-user' } }, 'limits.spend.key'],
    [{ spend: { ...spend, windowMs: 0 } }, 'limits.spend.windowMs'],
    [{ spend: { ...spend, unpricedUsd: -0.1 } }, 'limits.spend.unpricedUsd'],
    [{ spend: 5 }, 'limits.spend'],
    [{ rate: { ...rate, requests: 0 } }, 'limits.rate.requests'],
    [{ rate: { ...rate, windowMs: 1.5 } }, 'limits.rate.windowMs'],
    [{ rate: { ...rate, key: undefined } }, 'limits.rate.key'],
    [{ rate, store: { reserve() {} } }, 'limits.store'],
  ])('refuses %o at construction, naming %s', (limits, path) => {
    let error: unknown;
    try {
      make(limits)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe(path);
  });

  it("takes a budget of 0, and keeps today's size limits beside spend and rate", () => {
    expect(make({ spend: { ...spend, usd: 0 }, rate, maxPromptChars: 10 })).not.toThrow();
    expect(make({ maxPromptChars: -1 })).toThrow(/limits\.maxPromptChars/);
  });
});

describe('limits.spend', () => {
  it('reserves the estimate the client shows, answers the budget left, and settles to usage.cost', async () => {
    const store = memoryLimitStore();
    const { handler, generations } = limited(spendOf(store));
    const response = await post(handler, '/chat/completions', chatBody());
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-lunos-budget-remaining'))).toBeCloseTo(1 - GEMINI_USD, 9);
    expect(await store.spent(USER, { windowMs: DAY_MS })).toEqual({
      settledUsd: 0,
      heldUsd: GEMINI_USD,
    });
    await response.text();
    expect(await settled(store)).toBe(0.0387);
    expect(generations()).toHaveLength(1);
  });

  it('reserves the most any model of the request may cost, per image asked for (Images API, n)', async () => {
    const store = memoryLimitStore();
    const events = [
      imagesEvent.completed(finalPng, { cost: 0.04 }),
      imagesEvent.completed(finalPng, { cost: 0.08 }),
    ];
    const { handler } = limited(spendOf(store), () =>
      sseResponse(`${events.map((e) => sseData(e)).join('')}data: [DONE]\n\n`),
    );
    const response = await post(handler, '/images', imagesBody({ n: 3 }));
    expect(response.headers.get('x-lunos-budget-remaining')).toBe(String(1 - 0.12));
    await response.text();
    // The last completed event's usage is the answer's: images billed so far.
    expect(await settled(store)).toBe(0.08);
  });

  it('refuses with 429 budget_exceeded, remaining_usd, retry_after_ms and Retry-After, sending nothing', async () => {
    const store = memoryLimitStore();
    const { handler, generations } = limited(spendOf(store, { usd: 0.05 }));
    await (await post(handler, '/chat/completions', chatBody())).text();
    const refused = await post(handler, '/chat/completions', chatBody());
    expect(refused.status).toBe(429);
    const error = await errorOf(refused);
    expect(error.code).toBe(429);
    expect(error.metadata).toMatchObject({ error_type: 'budget_exceeded' });
    expect(error.metadata.remaining_usd).toBeCloseTo(0.05 - 0.0387, 9);
    const retryMs = error.metadata.retry_after_ms as number;
    expect(retryMs).toBeGreaterThan(DAY_MS - 60_000);
    expect(refused.headers.get('retry-after')).toBe(String(Math.ceil(retryMs / 1000)));
    expect(refused.headers.get('x-lunos-budget-remaining')).toBeNull();
    expect(generations()).toHaveLength(1);
  });

  it('refuses every generation with a budget of 0 (remaining_usd 0), before asking the catalogue', async () => {
    const { handler, fetch } = limited(spendOf(memoryLimitStore(), { usd: 0 }));
    const refused = await post(handler, '/chat/completions', chatBody());
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).metadata).toMatchObject({
      error_type: 'budget_exceeded',
      remaining_usd: 0,
    });
    expect(fetch.calls).toHaveLength(0);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('no session');
      },
    ],
    ['returns nothing', () => undefined],
    ['returns an empty string', () => ''],
    ['resolves to a number', async () => 42 as unknown as string],
    [
      'rejects',
      async () => {
        throw new Error('no session');
      },
    ],
  ])('refuses with 401 limit_key_missing when key(request) %s, never unlimited', async (_, key) => {
    const { handler, fetch } = limited({ spend: { key, usd: 100, windowMs: DAY_MS } });
    const refused = await post(handler, '/chat/completions', chatBody());
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).metadata).toEqual({ error_type: 'limit_key_missing' });
    expect(fetch.calls).toHaveLength(0);
  });

  it('takes an async key', async () => {
    const store = memoryLimitStore();
    const { handler } = limited({
      spend: { key: async () => 'async-user', usd: 1, windowMs: DAY_MS },
      store,
    });
    await (await post(handler, '/chat/completions', chatBody(), '')).text();
    expect(await settled(store, 'async-user')).toBe(0.0387);
  });

  it('refuses a model without a price (403 model_unpriced), or reserves unpricedUsd per image', async () => {
    const store = memoryLimitStore();
    const { handler, generations } = limited(spendOf(store));
    const refused = await post(handler, '/chat/completions', chatBody('acme/unpriced-image'));
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).metadata).toEqual({ error_type: 'model_unpriced' });
    // A fallback model counts too: the request may be routed to it.
    const fallback = await post(
      handler,
      '/chat/completions',
      chatBody(GEMINI, { models: ['not/listed'] }),
    );
    expect(fallback.status).toBe(403);
    expect(generations()).toHaveLength(0);

    const priced = limited(spendOf(store, { unpricedUsd: 0.2 }), () =>
      jsonResponse({ created: 1, data: [], usage: { cost: 0.1 } }),
    );
    const answer = await post(priced.handler, '/images', {
      model: 'acme/other',
      prompt: 'x',
      n: 2,
    });
    expect(answer.headers.get('x-lunos-budget-remaining')).toBe('0.6');
  });

  it('fetches the catalogue with its key once for ten minutes, shared by requests in flight', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = memoryLimitStore();
    const { handler, fetch } = limited(spendOf(store, { usd: 100 }));
    await Promise.all(
      [1, 2, 3].map(async () => (await post(handler, '/chat/completions', chatBody())).text()),
    );
    const catalogueCalls = () => fetch.calls.filter((c) => c.url.includes('/models'));
    expect(catalogueCalls()).toHaveLength(1);
    expect(catalogueCalls()[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    vi.setSystemTime(Date.now() + 600_001);
    await (await post(handler, '/chat/completions', chatBody())).text();
    expect(catalogueCalls()).toHaveLength(2);
    vi.useRealTimers();
  });

  it('refuses with 503 prices_unavailable when the catalogue cannot be read', async () => {
    const fetch = fakeFetch(() => jsonResponse({ error: { code: 500, message: 'down' } }, 500));
    const handler = createLunosImageHandler({
      apiKey: KEY,
      baseURL: 'https://upstream.test/v1',
      fetch,
      limits: spendOf(memoryLimitStore()),
    });
    const refused = await post(handler, '/chat/completions', chatBody());
    expect(refused.status).toBe(503);
    expect((await errorOf(refused)).metadata).toEqual({ error_type: 'prices_unavailable' });
    expect(fetch.calls).toHaveLength(1);
  });

  it.each([
    ['missing', { prompt_tokens: 12, completion_tokens: 1290 }],
    ['negative', { cost: -0.01 }],
    ['NaN', '{"cost":NaN}'],
    ['a string', { cost: '0.0387' }],
    ['absent with its usage', null],
  ])(
    'keeps the reservation as the spend when usage.cost is %s, and warns without a key',
    async (_, usage) => {
      const store = memoryLimitStore();
      const { handler, warnings } = limited(spendOf(store), () => sseResponse(chatAnswer(usage)));
      await (await post(handler, '/chat/completions', chatBody())).text();
      expect(await settled(store)).toBe(GEMINI_USD);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/usage\.cost/);
      expect(warnings[0]).toContain(GEMINI);
      for (const secret of [KEY, KEY.slice(-12), USER]) expect(warnings[0]).not.toContain(secret);
    },
  );

  it('refunds everything when the upstream answers an error before any body (502 not billed)', async () => {
    const store = memoryLimitStore();
    const { handler } = limited(spendOf(store), () =>
      jsonResponse(
        { error: { code: 502, message: 'Image generation did not finish, so it was not billed.' } },
        502,
      ),
    );
    const response = await post(handler, '/images', imagesBody());
    expect(response.status).toBe(502);
    expect(response.headers.get('x-lunos-budget-remaining')).toBeNull();
    expect(await settled(store)).toBe(0);
  });

  it('settles a stop to the usage seen so far, and to 0 when none came', async () => {
    const store = memoryLimitStore();
    const first = sseData(imagesEvent.completed(finalPng, { cost: 0.04 }));
    let hold!: () => void;
    const { handler } = limited(spendOf(store), () =>
      sseResponse(
        new ReadableStream({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode(first));
            await new Promise<void>((resolve) => {
              hold = resolve;
            });
          },
        }),
      ),
    );
    const response = await post(handler, '/images', imagesBody({ n: 2 }));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    hold();
    expect(await settled(store)).toBe(0.04);

    const silent = limited(spendOf(store), () => sseResponse(new ReadableStream({})));
    const before = await settled(store);
    await (await post(silent.handler, '/images', imagesBody())).body?.cancel();
    expect(await settled(store)).toBe(before);
  });

  it('reads usage.cost after a long image, from the end of its line (SSE) or of the body (JSON)', async () => {
    const store = memoryLimitStore();
    const big = 'A'.repeat(300_000);
    const sse = limited(spendOf(store), () =>
      sseResponse(`${sseData(imagesEvent.completed(big, { cost: 0.031 }))}data: [DONE]\n\n`),
    );
    await (await post(sse.handler, '/images', imagesBody())).text();
    expect(await settled(store)).toBe(0.031);
    const json = limited(spendOf(store), () =>
      jsonResponse({ created: 1, data: [{ b64_json: big }], usage: { cost: 0.02 } }),
    );
    await (await post(json.handler, '/images', imagesBody({ stream: false }))).text();
    expect(await settled(store)).toBe(0.051);
    expect(sse.warnings.concat(json.warnings)).toEqual([]);
  });

  it('warns when the store cannot settle, and leaves the reservation to expire', async () => {
    const inner = memoryLimitStore();
    const store: LimitStore = {
      ...inner,
      settle: () => Promise.reject(new Error('connection lost')),
    };
    const { handler, warnings } = limited(spendOf(store));
    await (await post(handler, '/chat/completions', chatBody())).text();
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    expect(warnings[0]).toMatch(/could not be settled.*expires/);
    expect(await inner.spent(USER, { windowMs: DAY_MS })).toEqual({
      settledUsd: 0,
      heldUsd: GEMINI_USD,
    });
  });

  it('refuses with 503 limit_store_unavailable when the store cannot be reached', async () => {
    const down = () => Promise.reject(new Error('down'));
    const store: LimitStore = { reserve: down, settle: down, spent: down, hit: down };
    const { handler, generations } = limited(spendOf(store));
    const refused = await post(handler, '/chat/completions', chatBody());
    expect(refused.status).toBe(503);
    expect((await errorOf(refused)).metadata).toEqual({ error_type: 'limit_store_unavailable' });
    expect(generations()).toHaveLength(0);
  });

  it('exposes x-lunos-budget-remaining to allowed origins', async () => {
    const { handler } = limited(spendOf(memoryLimitStore()), undefined, {
      allowOrigins: ['https://other.example'],
    });
    const response = await handler(
      new Request(`${APP}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://other.example',
          'x-user': USER,
        },
        body: JSON.stringify(chatBody()),
      }),
    );
    expect(response.headers.get('access-control-expose-headers')).toContain(
      'x-lunos-budget-remaining',
    );
    expect(response.headers.get('x-lunos-budget-remaining')).not.toBeNull();
  });
});

describe('limits.spend with jobs', () => {
  it('settles in the runner from the stream, whoever is listening', async () => {
    const store = memoryLimitStore();
    const { handler } = limited(spendOf(store), undefined, { jobs: { store: memoryJobStore() } });
    const response = await post(handler, '/chat/completions', chatBody());
    expect(response.headers.get('x-lunos-job-id')).not.toBeNull();
    expect(response.headers.get('x-lunos-budget-remaining')).not.toBeNull();
    await response.body?.cancel();
    expect(await settled(store)).toBe(0.0387);
  });

  it('settles a stopped job to the usage seen so far, a JSON answer to its usage', async () => {
    const store = memoryLimitStore();
    const first = sseData(imagesEvent.completed(finalPng, { cost: 0.04 }));
    const { handler } = limited(
      spendOf(store),
      (call) =>
        JSON.parse(call.body as string).stream === false
          ? jsonResponse({ created: 1, data: [{ b64_json: finalPng }], usage: { cost: 0.03 } })
          : sseResponse(
              new ReadableStream({
                start(controller) {
                  controller.enqueue(new TextEncoder().encode(first));
                },
              }),
            ),
      { jobs: { store: memoryJobStore() } },
    );
    const response = await post(handler, '/images', imagesBody({ n: 2 }));
    const id = jobIdOf(response);
    await vi.waitFor(async () => {
      const text = await (await get(handler, `/jobs/${id}`)).body?.getReader().read();
      expect(new TextDecoder().decode(text?.value)).toContain('lunos.job');
    });
    expect((await del(handler, `/jobs/${id}`)).status).toBe(204);
    expect(await settled(store)).toBe(0.04);
    await response.body?.cancel();

    await (await post(handler, '/images', imagesBody({ stream: false }))).text();
    expect(await settled(store)).toBe(0.07);
  });

  it('counts in the job store when it is a LimitStore too and no limits.store is given', async () => {
    const limitStore = memoryLimitStore();
    const jobStore = Object.assign(memoryJobStore(), limitStore);
    const { handler } = limited({ spend: { key: userKey, usd: 1, windowMs: DAY_MS } }, undefined, {
      jobs: { store: jobStore },
    });
    await (await post(handler, '/chat/completions', chatBody())).body?.cancel();
    expect(await settled(limitStore)).toBe(0.0387);
  });

  it('refunds everything when the upstream refuses before any body', async () => {
    const store = memoryLimitStore();
    const { handler } = limited(
      spendOf(store),
      () => jsonResponse({ error: { code: 502, message: 'not billed' } }, 502),
      { jobs: { store: memoryJobStore() } },
    );
    expect((await post(handler, '/images', imagesBody())).status).toBe(502);
    expect(await settled(store)).toBe(0);
  });
});

describe('limits.rate', () => {
  it('allows `requests` per window per key, then 429 rate_limited with Retry-After', async () => {
    const { handler, generations } = limited({
      rate: { key: userKey, requests: 2, windowMs: 60_000 },
    });
    for (let i = 0; i < 2; i++)
      expect((await post(handler, '/chat/completions', chatBody())).status).toBe(200);
    const refused = await post(handler, '/chat/completions', chatBody());
    expect(refused.status).toBe(429);
    const error = await errorOf(refused);
    expect(error.metadata.error_type).toBe('rate_limited');
    const retryMs = error.metadata.retry_after_ms as number;
    expect(retryMs).toBeGreaterThan(0);
    expect(retryMs).toBeLessThanOrEqual(60_000);
    expect(refused.headers.get('retry-after')).toBe(String(Math.ceil(retryMs / 1000)));
    expect((await post(handler, '/chat/completions', chatBody(), 'someone-else')).status).toBe(200);
    expect((await post(handler, '/chat/completions', chatBody(), '')).status).toBe(401);
    expect(generations()).toHaveLength(3);
  });

  it('counts generations only: model lists pass', async () => {
    const { handler } = limited({ rate: { key: userKey, requests: 1, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++)
      expect((await get(handler, '/models', { 'x-user': USER })).status).toBe(200);
  });
});
