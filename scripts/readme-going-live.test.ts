import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetTypeErrors } from '../test-utils/snippet-type-errors';
import { readmeBlocks } from './readme-blocks.mjs';

// README.md's "Going live" turns jobs on in three lines: its ```ts block is type-checked against
// core's sources as a file of core, importing it by name as users do, so it cannot drift.
const root = join(import.meta.dirname, '..');
const coreDir = join(root, 'packages/core');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = /^## Going live\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
const blocks = readmeBlocks(section) as { ext: string; code: string }[];

/** The block's lines of code: not blank, not a comment. */
const codeLines = (code: string) =>
  code.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));

describe(`README.md's "Going live"`, () => {
  it('turns jobs on in three lines: the memory store, and DELETE exported to stop a job', () => {
    expect(blocks).toHaveLength(1);
    const code = blocks[0]?.code ?? '';
    expect(codeLines(code)).toHaveLength(3);
    expect(code).toContain('jobs: { store: memoryJobStore() }');
    expect(code).toContain('handler as DELETE');
  });

  it('type-checks', () => {
    const errors = snippetTypeErrors({
      tsconfig: join(coreDir, 'tsconfig.json'),
      files: new Map(
        blocks.map((b, i) => [join(coreDir, `src/readme-going-live-${i + 1}.ts`), b.code]),
      ),
      options: {
        paths: {
          '@lunos-image/core': [join(coreDir, 'src/index.ts')],
          '@lunos-image/core/server': [join(coreDir, 'src/server/index.ts')],
        },
      },
    });
    expect(errors).toEqual([]);
  }, 60_000);
});
