import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MOCK_IMAGE_MODELS } from '../catalogue/mock-image-models';
import { repoFixtures } from '../test-utils/repo-fixtures';
import { createLunosMock } from './create-lunos-mock';

const fixtures = await repoFixtures();

const seedream = { model: 'bytedance-seed/seedream-4.5', prompt: 'a red kite over a beach' };

/** What the handlers answer for `method url` (undefined: no handler matched). */
function answer(
  mock: ReturnType<typeof createLunosMock>,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string> = {},
  body: BodyInit = JSON.stringify(seedream),
): Promise<Response | undefined> {
  const request = new Request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body, duplex: 'half' } : {}),
  } as RequestInit);
  return getResponse(mock.handlers, request);
}

/** [baseURL, method, url, answered?] */
const ROUTES: [string | undefined, 'GET' | 'POST', string, boolean][] = [
  // Default: the routes under any base path, /v1 and /api/v1 alike.
  [undefined, 'POST', 'https://openrouter.ai/api/v1/images', true],
  [undefined, 'POST', 'https://api.lunos.tech/v1/images', true],
  [undefined, 'POST', 'http://localhost:3000/api/lunos/images', true],
  [undefined, 'GET', 'https://openrouter.ai/api/v1/images/models', true],
  [undefined, 'GET', 'https://api.lunos.tech/v1/images/models', true],
  [
    undefined,
    'GET',
    'https://openrouter.ai/api/v1/images/models/openai/gpt-image-1/endpoints',
    true,
  ],
  [
    undefined,
    'GET',
    'https://api.lunos.tech/v1/images/models/black-forest-labs/flux.2-pro/endpoints',
    true,
  ],
  [undefined, 'GET', 'https://openrouter.ai/api/v1/images', false],
  [undefined, 'POST', 'https://openrouter.ai/api/v1/images/generations', false],
  [undefined, 'GET', 'https://openrouter.ai/api/v1/images/models/openai/endpoints', false],
  // A path: under it on any origin, nowhere else.
  ['/api/lunos', 'POST', 'https://app.example/api/lunos/images', true],
  ['/api/lunos', 'GET', 'http://localhost:5173/api/lunos/images/models', true],
  [
    '/api/lunos',
    'GET',
    'http://localhost:5173/api/lunos/images/models/openai/gpt-image-1/endpoints',
    true,
  ],
  ['/api/lunos', 'POST', 'https://openrouter.ai/api/v1/images', false],
  ['/api/lunos', 'GET', 'https://openrouter.ai/api/v1/images/models', false],
  // A URL: that origin and path only.
  ['https://gateway.example/or/api/v1', 'POST', 'https://gateway.example/or/api/v1/images', true],
  ['https://gateway.example/or/api/v1', 'POST', 'https://other.example/or/api/v1/images', false],
];

describe('the Images API routes', () => {
  it.each(ROUTES)('baseURL %s: %s %s answered: %s', async (baseURL, method, url, answered) => {
    const mock = createLunosMock({ fixtures: false, ...(baseURL ? { baseURL } : {}) });
    const response = await answer(mock, method, url);
    if (answered) expect(response?.status).toBe(200);
    else expect(response).toBeUndefined();
  });

  it('keeps GET …/images/models away from the chat model list, and the chat list as it was', async () => {
    const mock = createLunosMock({ fixtures });
    const images = (await (await answer(
      mock,
      'GET',
      'https://openrouter.ai/api/v1/images/models',
    ))!.json()) as {
      data: { id: string }[];
    };
    expect(images.data.map((m) => m.id)).toEqual(MOCK_IMAGE_MODELS.map((m) => m.id));
    const chat = (await (await answer(
      mock,
      'GET',
      'https://openrouter.ai/api/v1/models?output_modalities=all',
    ))!.json()) as { data: { id: string }[] };
    expect(chat.data.map((m) => m.id)).toContain('google/gemini-2.5-flash-image');
    expect(chat.data.map((m) => m.id)).not.toContain('openai/gpt-image-1');
    expect(mock.calls.map((c) => c.route)).toEqual(['image-models', 'models']);
  });

  it('lists each model with typed descriptors, streaming, and its endpoints URL under the base called', async () => {
    for (const [base, set] of [
      ['https://api.lunos.tech/v1', fixtures],
      ['http://localhost:3000/api/lunos', false],
    ] as const) {
      const mock = createLunosMock({ fixtures: set });
      const { data } = (await (await answer(mock, 'GET', `${base}/images/models`))!.json()) as {
        data: Record<string, unknown>[];
      };
      const path = new URL(base).pathname;
      expect(data.find((m) => m.id === 'openai/gpt-image-1')).toMatchObject({
        architecture: { input_modalities: ['text', 'image'], output_modalities: ['image'] },
        supports_streaming: true,
        supported_parameters: {
          n: { type: 'range', min: 1, max: 10 },
          quality: { type: 'enum', values: ['auto', 'low', 'medium', 'high'] },
          output_compression: { type: 'range', min: 0, max: 100 },
        },
        endpoints: `${path}/images/models/openai/gpt-image-1/endpoints`,
      });
      expect(data.find((m) => m.id === 'black-forest-labs/flux.2-pro')).toMatchObject({
        supports_streaming: false,
        supported_parameters: { seed: { type: 'boolean' } },
      });
      expect(data.find((m) => m.id === 'google/gemini-3.1-flash-image-preview')).toMatchObject({
        supports_streaming: false,
        supported_parameters: { resolution: { type: 'enum', values: ['512', '1K', '2K', '4K'] } },
      });
    }
  });

  it('answers each model’s endpoints with provider, descriptors and prices per unit', async () => {
    const mock = createLunosMock({ fixtures });
    const endpoints = async (id: string) =>
      (await (await answer(
        mock,
        'GET',
        `https://openrouter.ai/api/v1/images/models/${id}/endpoints`,
      ))!.json()) as {
        id: string;
        endpoints: { provider_slug: string; pricing: { unit: string; billable: string }[] }[];
      };
    const flux = await endpoints('black-forest-labs/flux.2-pro');
    expect(flux.id).toBe('black-forest-labs/flux.2-pro');
    expect(flux.endpoints[0]!.pricing).toContainEqual({
      billable: 'output_image',
      unit: 'megapixel',
      cost_usd: 0.03,
    });
    expect(
      (await endpoints('openai/gpt-image-1')).endpoints[0]!.pricing.map((p) => p.unit),
    ).toEqual(['token', 'token', 'token']);
    const gemini = await endpoints('google/gemini-3.1-flash-image-preview');
    expect(gemini.endpoints.map((e) => e.provider_slug)).toEqual([
      'google-ai-studio',
      'google-vertex',
    ]);
    expect(gemini.endpoints[0]!.pricing.filter((p) => p.unit === 'image')).toHaveLength(4);
    const unknown = await answer(
      mock,
      'GET',
      'https://openrouter.ai/api/v1/images/models/acme/nothing/endpoints',
    );
    expect(unknown!.status).toBe(404);
    expect(await unknown!.json()).toEqual({
      error: {
        code: 404,
        message: 'No image model found with id acme/nothing',
        metadata: { error_type: 'not_found' },
      },
    });
    expect(mock.callsTo('image-endpoints').map((c) => c.answer)).toEqual([
      { kind: 'models', status: 200 },
      { kind: 'models', status: 200 },
      { kind: 'models', status: 200 },
      { kind: 'invalid', status: 404 },
    ]);
  });

  it('serves the recorded listings of a fixture set, and the built-in ones without', async () => {
    const recorded = createLunosMock({ fixtures });
    const builtIn = createLunosMock({ fixtures: false });
    for (const path of ['/images/models', '/images/models/bytedance-seed/seedream-4.5/endpoints']) {
      const a = await (await answer(
        recorded,
        'GET',
        `https://openrouter.ai/api/v1${path}`,
      ))!.json();
      const b = await (await answer(builtIn, 'GET', `https://openrouter.ai/api/v1${path}`))!.json();
      expect(a).toEqual(b);
    }
    // An explicit fixture id works on the listings too.
    const byId = await answer(recorded, 'GET', 'https://openrouter.ai/api/v1/images/models', {
      'x-lunos-mock-fixture': 'models/images-endpoints/openai/gpt-image-1',
    });
    expect(await byId!.json()).toMatchObject({ id: 'openai/gpt-image-1' });
    expect(recorded.callsTo('image-models').at(-1)!.answer).toEqual({
      kind: 'fixture',
      fixtureId: 'models/images-endpoints/openai/gpt-image-1',
      status: 200,
    });
  });
});

describe('requireAuth and the call log on the Images API', () => {
  it('answers 401 on all three routes without a bearer token, in OpenRouter’s error shape on any base', async () => {
    const mock = createLunosMock({ fixtures: false, requireAuth: true });
    const urls: ['GET' | 'POST', string][] = [
      ['POST', 'https://api.lunos.tech/v1/images'],
      ['GET', 'https://api.lunos.tech/v1/images/models'],
      ['GET', 'https://api.lunos.tech/v1/images/models/openai/gpt-image-1/endpoints'],
    ];
    for (const [method, url] of urls) {
      const refused = await answer(mock, method, url);
      expect(refused!.status, url).toBe(401);
      expect(await refused!.json()).toMatchObject({
        error: { code: 401, message: 'No auth credentials found' },
      });
    }
    const bearer = { authorization: 'Bearer token-for-tests' };
    for (const [method, url] of urls) {
      const allowed = await answer(mock, method, url, bearer);
      expect(allowed!.status, url).toBe(200);
      await allowed!.arrayBuffer();
    }
    expect(mock.calls.map((c) => [c.route, c.answer.kind, c.answer.status, c.dialect])).toEqual([
      ['images', 'unauthorized', 401, 'openrouter'],
      ['image-models', 'unauthorized', 401, 'openrouter'],
      ['image-endpoints', 'unauthorized', 401, 'openrouter'],
      ['images', 'synthesized', 200, 'openrouter'],
      ['image-models', 'models', 200, 'openrouter'],
      ['image-endpoints', 'models', 200, 'openrouter'],
    ]);
    expect(mock.callsTo('images').map((c) => c.seq)).toEqual([1, 4]);
    expect(mock.callsTo('images')[1]!.headers.authorization).toBe('Bearer <redacted>');
    expect(mock.callsTo('images')[1]!.body).toEqual(seedream);
    expect(mock.callsTo('chat')).toEqual([]);
  });

  it('scenarios queued for one route leave the others alone', async () => {
    const mock = createLunosMock({ fixtures });
    mock.next({ route: 'images', faults: [{ type: 'http-error', status: 529 }] });
    const listing = await answer(mock, 'GET', 'https://openrouter.ai/api/v1/images/models');
    expect(listing!.status).toBe(200);
    const refused = await answer(mock, 'POST', 'https://openrouter.ai/api/v1/images');
    expect(refused!.status).toBe(529);
    const next = await answer(mock, 'POST', 'https://openrouter.ai/api/v1/images');
    expect(next!.status).toBe(200);
    await next!.arrayBuffer();
  });
});

describe('a request body past the limit', () => {
  it('is refused with 413 in the API error shape, without holding more than the limit', async () => {
    const mock = createLunosMock({ fixtures: false });
    // The same 4 MiB chunk over and over (up to 160 MiB offered), so little is held either way.
    const chunk = new Uint8Array(4 * 1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40) controller.close();
        else {
          sent++;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await answer(mock, 'POST', 'https://openrouter.ai/api/v1/images', {}, body);
    expect(response!.status).toBe(413);
    expect(await response!.json()).toMatchObject({
      error: { code: 413, message: expect.stringContaining('larger than 67108864 bytes') },
    });
    // Reading stopped soon after 64 MiB (msw's clone of the body pulls a few chunks ahead),
    // not at the 160 MiB end.
    expect(sent).toBeLessThan(24);
  });
});
