import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { createLunosImageClient } from './create-lunos-image-client';

// Assembled at runtime so no key-shaped literal sits in the source.
const envKey = (tag: string) => ['sk', 'or', 'v1', tag.repeat(48)].join('-');

/** The Authorization header of one listModels call, and the URL it went to. */
async function sentAuthorization(options: Parameters<typeof createLunosImageClient>[0]) {
  const seen: { url: string; authorization: string | null }[] = [];
  const client = createLunosImageClient({
    ...options,
    fetch: async (input, init) => {
      seen.push({
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
      });
      return Response.json({ data: [] });
    },
  });
  await client.listModels();
  return { ...seen[0]!, client };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the key from the environment', () => {
  it('reads LUNOS_API_KEY for the lunos dialect and OPENROUTER_API_KEY for openrouter', async () => {
    vi.stubEnv('LUNOS_API_KEY', envKey('a'));
    vi.stubEnv('OPENROUTER_API_KEY', envKey('b'));
    const lunos = await sentAuthorization({});
    // Held, never shown: not by util.inspect, String() or JSON.
    for (const shown of [
      inspect(lunos.client, { depth: 10, showHidden: true }),
      String(lunos.client),
      JSON.stringify(lunos.client),
    ]) {
      expect(shown).not.toContain(envKey('a').slice(10, 30));
    }
    expect(lunos.url).toMatch(/^https:\/\/api\.lunos\.tech\/v1\/models/);
    expect(lunos.authorization).toBe(`Bearer ${envKey('a')}`);
    expect(JSON.parse(JSON.stringify(lunos.client)).hasApiKey).toBe(true);
    const openrouter = await sentAuthorization({ dialect: 'openrouter' });
    expect(openrouter.authorization).toBe(`Bearer ${envKey('b')}`);
  });

  it('lets an explicit apiKey win over the environment', async () => {
    vi.stubEnv('LUNOS_API_KEY', envKey('a'));
    const { authorization } = await sentAuthorization({ apiKey: envKey('c') });
    expect(authorization).toBe(`Bearer ${envKey('c')}`);
  });

  it("sends the environment's key only to the dialect's own origin", async () => {
    vi.stubEnv('LUNOS_API_KEY', envKey('a'));
    for (const baseURL of [
      'http://127.0.0.1:4010/v1',
      'https://proxy.example.com/v1',
      '/api/lunos',
    ]) {
      const { authorization, client } = await sentAuthorization({ baseURL });
      expect(authorization, baseURL).toBeNull();
      expect(JSON.parse(JSON.stringify(client)).hasApiKey).toBe(false);
    }
    // The same origin under another spelling of the path still gets it.
    const same = await sentAuthorization({ baseURL: 'https://api.lunos.tech/v1/' });
    expect(same.authorization).toBe(`Bearer ${envKey('a')}`);
  });

  it('treats an empty or blank variable as not set', async () => {
    vi.stubEnv('LUNOS_API_KEY', '  ');
    expect((await sentAuthorization({})).authorization).toBeNull();
  });

  it('names the variable, never its value, when the key cannot be a header', () => {
    const broken = `${envKey('d')}\n`;
    vi.stubEnv('LUNOS_API_KEY', `${broken}x`);
    let error: unknown;
    try {
      createLunosImageClient({});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues[0]!;
    expect(issue.path).toBe('LUNOS_API_KEY');
    expect(JSON.stringify(error)).not.toContain('dddddddd');
    expect(String((error as Error).message)).not.toContain('dddddddd');
  });

  it('is never read in a browser', async () => {
    vi.stubEnv('LUNOS_API_KEY', envKey('a'));
    const g = globalThis as { window?: unknown };
    g.window = { document: {} };
    try {
      expect((await sentAuthorization({})).authorization).toBeNull();
    } finally {
      delete g.window;
    }
  });
});
