// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetTypeErrors } from '../../../test-utils/snippet-type-errors';

// Type-checks every ```ts / ```tsx block of README.md against this package's sources (with the
// repo's strict compiler options), so the copy-paste examples cannot drift from the API.
const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(tsx?)\n([\s\S]*?)```/g)].map((m) => ({
  ext: m[1] as string,
  code: m[2] as string,
}));

function typeErrors(): string[] {
  return snippetTypeErrors({
    tsconfig: join(packageDir, 'tsconfig.json'),
    files: new Map(
      blocks.map((block, i) => [
        join(packageDir, `src/readme-example-${i + 1}.${block.ext}`),
        block.code,
      ]),
    ),
    // The examples import the package by its name, as users do.
    options: { paths: { '@lunos-image/react': [join(packageDir, 'src/index.ts')] } },
  });
}

describe('README examples', () => {
  it('has examples for both hooks, the provider, the proxy and TanStack Query', () => {
    const all = blocks.map((b) => b.code).join('\n');
    for (const name of [
      'useImageGeneration(',
      'useImageModels(',
      'LunosImageProvider',
      'imageModelsQueryOptions(',
      'createLunosImageHandler(',
    ]) {
      expect(all).toContain(name);
    }
  });

  it('type-check', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);
});
