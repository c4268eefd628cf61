import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestProblems, readmeLinkProblems, sourceMapProblems } from './publish-hygiene.mjs';

const root = join(import.meta.dirname, '..');
const publicPackages = ['core', 'react', 'msw'];

describe('manifestProblems', () => {
  it('flags devDependencies and scripts', () => {
    expect(
      manifestProblems({
        name: 'x',
        scripts: { 'check:package': 'node ../../scripts/check-package.mjs' },
        devDependencies: { '@lunos-image/fixtures': '0.0.0' },
      }),
    ).toEqual(['package.json keeps "devDependencies"', 'package.json keeps "scripts"']);
  });

  it('flags an exact pin of a runtime dependency or peer, in any spelling', () => {
    for (const pin of ['4.6.7', '=4.6.7', 'v4.6.7', '1.0.0-rc.1', '1.0.0+build.5']) {
      expect(manifestProblems({ dependencies: { zod: pin } })).toEqual([
        `dependencies.zod is pinned to ${pin}: use a range that dedupes (^x.y.z)`,
      ]);
    }
    expect(manifestProblems({ peerDependencies: { react: '19.3.1' } })).toHaveLength(1);
  });

  it('flags ranges that only exist in the workspace or on this machine', () => {
    expect(manifestProblems({ dependencies: { '@lunos-image/core': 'workspace:^' } })).toEqual([
      'dependencies.@lunos-image/core is a local range: workspace:^',
    ]);
    expect(manifestProblems({ optionalDependencies: { a: 'file:../a' } })).toHaveLength(1);
  });

  it('accepts ranges that dedupe', () => {
    expect(
      manifestProblems({
        dependencies: { zod: '^4.1.0', '@lunos-image/core': '^0.0.0', b: '~1.2.3', c: '>=1 <3' },
        peerDependencies: { react: '^18.3 || ^19', msw: '^2.12 || ^3' },
      }),
    ).toEqual([]);
  });
});

describe('readmeLinkProblems', () => {
  it('flags links relative to the repository, in every markdown and HTML form', () => {
    const readme = [
      'on top of [`@lunos-image/core`](../core):',
      'see [the docs](./docs/x.md "title") and ![shot](docs/shot.png)',
      '[ref]: ../core/README.md#errors',
      '<a href="../msw">msw</a> <img src="logo.svg">',
    ].join('\n');
    expect(readmeLinkProblems(readme).map((p) => /links to (\S+),/.exec(p)?.[1])).toEqual([
      '../core',
      './docs/x.md',
      'docs/shot.png',
      '../core/README.md#errors',
      '../msw',
      'logo.svg',
    ]);
  });

  it('accepts absolute URLs, mailto and in-page anchors, and ignores code blocks', () => {
    const readme = [
      '[core](https://www.npmjs.com/package/@lunos-image/core#errors) [mail](mailto:a@b.c)',
      '[below](#errors)',
      '```ts',
      'const a = b[0](c); // [x](../not-a-link)',
      '```',
    ].join('\n');
    expect(readmeLinkProblems(readme)).toEqual([]);
  });

  it.each(publicPackages)('packages/%s/README.md has only links that work on npm', (name) => {
    const readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8');
    expect(readmeLinkProblems(readme)).toEqual([]);
  });
});

describe('sourceMapProblems', () => {
  it('flags a map that embeds its sources and accepts one that does not', () => {
    const map = { version: 3, sources: ['../src/index.ts'], mappings: 'AAAA' };
    expect(
      sourceMapProblems([
        { path: 'package/dist/a.js.map', text: JSON.stringify(map) },
        {
          path: 'package/dist/b.js.map',
          text: JSON.stringify({ ...map, sourcesContent: ['export {}'] }),
        },
        { path: 'package/dist/c.js.map', text: JSON.stringify({ ...map, sourcesContent: [null] }) },
      ]),
    ).toEqual(['package/dist/b.js.map embeds sourcesContent']);
  });
});

// The manifest rules on what `pnpm pack` really writes: this fails without .pnpmfile.cjs's
// beforePacking hook (devDependencies and scripts come back) or with an exact or workspace range.
// Packing needs no build: the manifest is the same with or without dist/.
describe('the packed package.json of each public package', () => {
  const out = mkdtempSync(join(tmpdir(), 'lunos-hygiene-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(publicPackages)(
    '@lunos-image/%s has no repository-only field or pin',
    (name) => {
      const dest = join(out, name);
      execFileSync('pnpm', ['pack', '--pack-destination', dest], {
        cwd: join(root, 'packages', name),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
      expect(tarball).toBeDefined();
      execFileSync('tar', ['-xzf', join(dest, tarball!), '-C', dest]);
      const manifest = JSON.parse(readFileSync(join(dest, 'package/package.json'), 'utf8'));
      expect(manifest.name).toBe(`@lunos-image/${name}`);
      expect(manifestProblems(manifest)).toEqual([]);
    },
    30_000,
  );
});
