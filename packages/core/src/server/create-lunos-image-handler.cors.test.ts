import { describe, expect, it } from 'vitest';
import { sseResponse } from '../test-utils/fake-fetch';
import { recordedSunsetReads } from '../test-utils/recorded-stream';
import { createLunosImageHandler } from './create-lunos-image-handler';
import type { LunosImageHandlerOptions } from './lunos-image-handler-options';

const ORIGIN = 'https://app.example';
const APP = 'https://api.example/api/lunos';

function handlerWith(options: LunosImageHandlerOptions = {}) {
  return createLunosImageHandler({
    apiKey: 'sk-test-0000000000',
    allowOrigins: [ORIGIN],
    fetch: async () => sseResponse(recordedSunsetReads().join('')),
    ...options,
  });
}

const call = (path: string, init: RequestInit = {}, origin = ORIGIN) =>
  new Request(`${APP}${path}`, { ...init, headers: { origin, ...init.headers } });
const post = (body: unknown) =>
  call('/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const valid = {
  model: 'google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'a sunset' }],
  stream: true,
};

describe('CORS for an allowed origin, on every kind of answer', () => {
  it('a relayed answer, a refusal, a 405, a 401, a preflight and the app’s own refusal', async () => {
    const handler = handlerWith();
    const answers = [
      await handler(post(valid)),
      await handler(post({ ...valid, messages: [] })),
      await handler(call('/chat/completions')),
      await handler(call('/models?nope=1')),
      await handlerWith({ authorize: () => false })(post(valid)),
      await handler(call('/images', { method: 'OPTIONS' })),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 405, 400, 401, 204]);
    for (const answer of answers) {
      expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(answer.headers.get('vary')).toBe('origin');
    }
    expect(answers[5]?.headers.get('access-control-allow-methods')).toBe('POST');
  });

  it("adds them to a copy of authorize's Response, which stays as the app made it", async () => {
    const denied = new Response('{"error":"no"}', { status: 429 });
    const response = await handlerWith({ authorize: () => denied })(post(valid));
    expect(response.status).toBe(429);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toBe('{"error":"no"}');
  });

  it('none for a same-origin call; a foreign origin is refused without them', async () => {
    const handler = handlerWith();
    const same = await handler(new Request(`${APP}/chat/completions`, { method: 'GET' }));
    expect(same.status).toBe(405);
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
    const foreign = await handler(call('/models', {}, 'https://evil.example'));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
