import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLunosImageClient, RateLimitError } from '@lunos-image/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { snippetTypeErrors } from '../../../test-utils/snippet-type-errors';
import { createLunosMock } from './handlers/create-lunos-mock';

// Type-checks every ```ts block of README.md against this package's sources and msw's types,
// once per msw major: a block tagged with one (```ts msw2, ```ts msw3, as scripts/check-consumer
// reads them) only against that one, an untagged block against both, so the setups users copy
// compile with the msw they have.
const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({
  major: /\bmsw([23])\b/.exec(m[1] as string)?.[1],
  code: m[2] as string,
}));
const msw3 = join(packageDir, 'node_modules/msw-3/lib');

function typeErrors(codes: readonly string[], mswMajor: 2 | 3): string[] {
  return snippetTypeErrors({
    tsconfig: join(packageDir, 'tsconfig.json'),
    files: new Map(
      codes.map((code, i) => [join(packageDir, `src/readme-msw${mswMajor}-${i + 1}.ts`), code]),
    ),
    options: {
      // import.meta.glob in the browser example.
      types: ['node', 'vite/client'],
      // The examples import the package by its name, as users do.
      paths: {
        '@lunos-image/msw': [join(packageDir, 'src/index.ts')],
        '@lunos-image/msw/node': [join(packageDir, 'src/node.ts')],
        ...(mswMajor === 3
          ? {
              msw: [join(msw3, 'core/index.d.ts')],
              'msw/node': [join(msw3, 'node/index.d.ts')],
              'msw/browser': [join(msw3, 'browser/index.d.ts')],
            }
          : {}),
      },
    },
  });
}

const forMsw2 = blocks.filter((b) => b.major !== '3').map((b) => b.code);
const forMsw3 = blocks.filter((b) => b.major !== '2').map((b) => b.code);

describe('README examples', () => {
  it('show the Node setup for msw 2 and msw 3, the browser one, and a baseURL', () => {
    expect(forMsw2.some((c) => c.includes("onUnhandledRequest: 'error'"))).toBe(true);
    expect(forMsw3.some((c) => c.includes("onUnhandledFrame: 'error'"))).toBe(true);
    expect(forMsw2.some((c) => c.includes('setupWorker('))).toBe(true);
    expect(forMsw2.some((c) => c.includes("baseURL: '/api/lunos'"))).toBe(true);
    expect(forMsw2.some((c) => c.includes('maxRetries: 0'))).toBe(true);
  });

  it('type-check against msw 2', () => {
    expect(typeErrors(forMsw2, 2)).toEqual([]);
  }, 60_000);

  it('type-check against msw 3, where the msw 2 option name does not', () => {
    // The msw 2 setup joins the check so it proves msw 3's types were the ones used.
    const node = blocks.find((b) => b.code.includes("onUnhandledRequest: 'error'"))!.code;
    const errors = typeErrors([...forMsw3, node], 3);
    const last = `readme-msw3-${forMsw3.length + 1}.ts`;
    expect(errors.filter((e) => !e.startsWith(last))).toEqual([]);
    expect(errors.join('\n')).toContain("'onUnhandledRequest' does not exist");
  }, 60_000);
});

describe('README §1: the 429 fixture and the client’s retries', () => {
  const mock = createLunosMock();
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.reset());
  afterAll(() => server.close());
  const variables = { model: 'openrouter/google/gemini-2.5-flash-image', prompt: 'a fox' };

  it('maxRetries: 0 fails at once with the RateLimitError and its Retry-After', async () => {
    const client = createLunosImageClient({ maxRetries: 0 });
    mock.next({ fixture: 'errors/429-rate-limited' });
    const started = performance.now();
    const error = await client.generateImage(variables).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 16_000 });
    expect(mock.callsTo('chat')).toHaveLength(1);
  });

  it('default retries wait out the 16 s first: the call is still pending after a second', async () => {
    const client = createLunosImageClient();
    mock.next({ fixture: 'errors/429-rate-limited' });
    const controller = new AbortController();
    const call = client.generateImage(variables, { signal: controller.signal });
    const settled = await Promise.race([
      call.then(
        () => 'resolved',
        () => 'rejected',
      ),
      new Promise((resolve) => setTimeout(resolve, 1_000, 'pending')),
    ]);
    expect(settled).toBe('pending');
    expect(mock.callsTo('chat')).toHaveLength(1);
    controller.abort();
    await expect(call).rejects.toThrow();
  });
});
