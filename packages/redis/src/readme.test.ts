import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetTypeErrors } from '../../../test-utils/snippet-type-errors';

// Type-checks every ```ts block of README.md as a file of this package, importing it by its
// name as users do, so the examples cannot drift from the API. (Running them needs a Redis: the
// tests next to this one do what they show against a real one.)
const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);

describe('README examples', () => {
  it('show the store from a URL, from a client, the contract tests, the limit store and dedupe', () => {
    expect(blocks.some((c) => c.includes('redisJobStore({ url:'))).toBe(true);
    expect(blocks.some((c) => c.includes('redisJobStore({ client,'))).toBe(true);
    expect(blocks.some((c) => c.includes('describeJobStore('))).toBe(true);
    expect(blocks.some((c) => c.includes('redisLimitStore({ url:'))).toBe(true);
    expect(blocks.some((c) => c.includes('dedupe: true'))).toBe(true);
  });

  it('type-check', () => {
    const errors = snippetTypeErrors({
      tsconfig: join(packageDir, 'tsconfig.json'),
      files: new Map(blocks.map((code, i) => [join(packageDir, `src/readme-${i + 1}.ts`), code])),
      options: { paths: { '@lunos-image/redis': [join(packageDir, 'src/index.ts')] } },
    });
    expect(errors).toEqual([]);
  }, 60_000);
});
