import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The example's route as `next start` serves it, its limits from the environment: a budget of 0
 * refuses every generation before anything is priced or sent, so nothing here leaves the process.
 */
const saved = { ...process.env };
let POST: (request: Request) => Promise<Response>;
beforeAll(async () => {
  // Assembled here: no key-shaped literal in the source.
  process.env.LUNOS_API_KEY = ['sk', 'example', 'limits', 'test', '0123456789abcdef'].join('-');
  process.env.LUNOS_UPSTREAM_URL = 'http://127.0.0.1:9/v1';
  process.env.LUNOS_BUDGET_USD = '0';
  ({ POST } = await import('./route'));
});
afterAll(() => {
  process.env = saved;
});

const generate = (cookie?: string) =>
  POST(
    new Request('http://localhost:3000/api/lunos/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
      body: JSON.stringify({
        model: 'openrouter/google/gemini-2.5-flash-image',
        messages: [{ role: 'user', content: 'a fox' }],
        stream: true,
      }),
    }),
  );

const errorTypeOf = async (response: Response) =>
  ((await response.json()) as { error: { metadata: { error_type: string } } }).error.metadata
    .error_type;

describe('the route counts spending per visitor', () => {
  it('refuses a visitor without an id, giving them one; refuses a budget of 0 with a 429', async () => {
    const anonymous = await generate();
    expect(anonymous.status).toBe(401);
    expect(await errorTypeOf(anonymous)).toBe('limit_key_missing');
    const cookie = anonymous.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^lunos_visitor=[0-9a-f-]{36}; Path=\/api\/lunos; HttpOnly; SameSite=Strict/,
    );

    const visitor = await generate(cookie.split(';')[0]);
    expect(visitor.status).toBe(429);
    expect(visitor.headers.get('set-cookie')).toBeNull();
    expect(await errorTypeOf(visitor)).toBe('budget_exceeded');
  });
});
