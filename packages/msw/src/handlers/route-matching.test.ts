import { createLunosImageClient } from '@lunos-image/core';
import { ROUTES as CORE_ROUTES, type RouteName, routePath } from '@lunos-image/core/internal';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MockOptionsError } from '../errors/mock-options-error';
import { createLunosMock } from './create-lunos-mock';
import { MOCK_ROUTES, routePaths } from './route-paths';

const chatBody = JSON.stringify({
  model: 'openrouter/google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'a red kite over a beach' }],
  modalities: ['image', 'text'],
});

/** What the handlers answer for `method url` (undefined: no handler matched, msw would call it unhandled). */
async function answer(
  mock: ReturnType<typeof createLunosMock>,
  method: (typeof CORE_ROUTES)[RouteName]['method'],
  url: string,
  headers: Record<string, string> = {},
): Promise<Response | undefined> {
  const request = new Request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: chatBody } : {}),
  });
  return getResponse(mock.handlers, request);
}

/** [baseURL, method, url, answered?] */
const ROUTES: [string | undefined, 'GET' | 'POST', string, boolean][] = [
  // Default: any path ending in the API's own routes, query strings included.
  [undefined, 'POST', 'https://api.lunos.tech/v1/chat/completions', true],
  [undefined, 'POST', 'https://openrouter.ai/api/v1/chat/completions', true],
  [undefined, 'POST', 'http://localhost:3000/api/lunos/chat/completions', true],
  [undefined, 'POST', 'http://localhost:3000/chat/completions?trace=1', true],
  [undefined, 'GET', 'https://api.lunos.tech/v1/models?output=image', true],
  [undefined, 'GET', 'http://localhost:3000/api/lunos/models', true],
  [undefined, 'POST', 'http://localhost:3000/api/lunos/chat', false],
  [undefined, 'GET', 'http://localhost:3000/models/count', false],
  // A path: that path on any origin, nothing else.
  ['/api/lunos/', 'POST', 'http://localhost:5173/api/lunos/chat/completions', true],
  ['/api/lunos/', 'POST', 'https://app.example/api/lunos/chat/completions', true],
  ['/api/lunos/', 'GET', 'http://localhost:5173/api/lunos/models', true],
  ['/api/lunos/', 'POST', 'https://api.lunos.tech/v1/chat/completions', false],
  ['/api/lunos/', 'GET', 'http://localhost:5173/models', false],
  // A URL: that origin and path only.
  [
    'https://gateway.example/lunos/v1',
    'POST',
    'https://gateway.example/lunos/v1/chat/completions',
    true,
  ],
  [
    'https://gateway.example/lunos/v1',
    'POST',
    'https://other.example/lunos/v1/chat/completions',
    false,
  ],
  ['https://gateway.example/lunos/v1', 'GET', 'https://gateway.example/v1/models', false],
];

describe('the routes the mock answers', () => {
  it.each(ROUTES)('baseURL %s: %s %s answered: %s', async (baseURL, method, url, answered) => {
    const mock = createLunosMock({ fixtures: false, ...(baseURL ? { baseURL } : {}) });
    const response = await answer(mock, method, url);
    if (answered) expect(response?.status).toBe(200);
    else expect(response).toBeUndefined();
  });

  it('serves a client whose baseURL is an app route (the React README’s /api/lunos advice)', async () => {
    const mock = createLunosMock({ fixtures: false, baseURL: 'http://localhost/api/lunos' });
    const client = createLunosImageClient({
      baseURL: 'http://localhost/api/lunos',
      maxRetries: 0,
      fetch: async (input, init) => {
        const response = await getResponse(mock.handlers, new Request(input, init));
        if (!response) throw new Error(`unhandled ${String(input)}`);
        return response;
      },
    });
    const models = await client.listModels({ output: ['image'] });
    expect(models.length).toBeGreaterThan(0);
    const result = await client.generateImage({
      model: models[0]!.id,
      prompt: 'a red kite over a beach',
    });
    expect(result.images).toHaveLength(1);
    expect(mock.callsTo('chat')).toHaveLength(1);
    expect(mock.callsTo('chat')[0]!.url).toBe('http://localhost/api/lunos/chat/completions');
  });

  it('answers every route core’s route table says the API serves, each logged under its name', async () => {
    const upstream = (Object.keys(CORE_ROUTES) as RouteName[]).filter(
      (name) => CORE_ROUTES[name].servedBy === 'upstream',
    );
    expect([...MOCK_ROUTES].sort()).toEqual([...upstream].sort());
    const mock = createLunosMock({ fixtures: false, baseURL: '/api/lunos' });
    for (const route of upstream) {
      const path = routePath(route, { author: 'openai', slug: 'gpt-image-1' });
      const { method } = CORE_ROUTES[route];
      const response = await answer(mock, method, `http://localhost/api/lunos${path}`);
      expect(response, `${method} ${path}`).toBeDefined();
      expect(mock.calls.at(-1)?.route).toBe(route);
    }
  });

  it('rejects a baseURL it could not match, naming it', () => {
    for (const bad of [
      'api/lunos',
      'https://',
      '/api/:dialect',
      '/api/*',
      'https://x.example/v1?key=1',
    ]) {
      let error: unknown;
      try {
        routePaths(bad);
      } catch (e) {
        error = e;
      }
      expect(MockOptionsError.isInstance(error), bad).toBe(true);
      expect((error as Error).message).toContain('baseURL');
      expect((error as Error).message).toContain(JSON.stringify(bad));
    }
  });
});

describe('mock.callsTo', () => {
  it('keeps each route’s calls apart, in order', async () => {
    const mock = createLunosMock({ fixtures: false });
    await answer(mock, 'GET', 'https://api.lunos.tech/v1/models?output=image');
    await answer(mock, 'POST', 'https://api.lunos.tech/v1/chat/completions');
    await answer(mock, 'POST', 'https://api.lunos.tech/v1/chat/completions');
    expect(mock.calls.map((c) => c.route)).toEqual(['models', 'chat', 'chat']);
    expect(mock.callsTo('chat').map((c) => c.seq)).toEqual([2, 3]);
    expect(mock.callsTo('chat')[0]!.body).toMatchObject({ modalities: ['image', 'text'] });
    expect(mock.callsTo('models').map((c) => c.seq)).toEqual([1]);
    mock.reset();
    expect(mock.callsTo('chat')).toEqual([]);
  });
});

describe('requireAuth', () => {
  it('answers 401 on every route, the model list included, in the dialect’s error shape', async () => {
    const mock = createLunosMock({ fixtures: false, requireAuth: true });
    const models = await answer(mock, 'GET', 'https://api.lunos.tech/v1/models');
    expect(models?.status).toBe(401);
    expect(await models?.json()).toMatchObject({ error: { message: 'No auth credentials found' } });
    const openRouterModels = await answer(mock, 'GET', 'https://openrouter.ai/api/v1/models');
    expect(openRouterModels?.status).toBe(401);
    expect(await openRouterModels?.json()).toMatchObject({ error: { code: 401 } });
    expect((await answer(mock, 'POST', 'https://api.lunos.tech/v1/chat/completions'))?.status).toBe(
      401,
    );
    expect(mock.calls.map((c) => [c.route, c.answer.kind, c.answer.status])).toEqual([
      ['models', 'unauthorized', 401],
      ['models', 'unauthorized', 401],
      ['chat', 'unauthorized', 401],
    ]);
    const bearer = { authorization: 'Bearer token-for-tests' };
    expect((await answer(mock, 'GET', 'https://api.lunos.tech/v1/models', bearer))?.status).toBe(
      200,
    );
  });
});
