#!/usr/bin/env node
// Packs the package in the current directory exactly as `pnpm publish` would (publishConfig
// applied, workspace: ranges rewritten, .pnpmfile.cjs's beforePacking hook run) and lints the
// tarball: what it ships, the packed package.json, the README's links, the source maps, then
// publint (strict) and @arethetypeswrong/cli with the ESM-only profile. Exits non-zero on any
// problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { publishHygieneProblems } from './publish-hygiene.mjs';

/**
 * @lunos-image/msw ships its fixture set on purpose (`fixtures/`: the interactions as JSON, their
 * images in blobs/ named by hash, a README), and all of it. Anything else under a fixtures folder,
 * any test or source file, in any package, is a leak.
 */
const SHIPS_FIXTURES = '@lunos-image/msw';
const shippedFixture =
  /^package\/fixtures\/((chat|errors|images|models)(\/[\w.-]+)+\.json|blobs\/sha256-[0-9a-f]{64}\.(png|jpg|webp|gif)|README\.md)$/;

/** The fixture files on disk that must all be in the tarball (package.json only names the folder). */
function fixtureFilesOnDisk(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'package.json')
    .map(
      (e) => `package/fixtures/${relative(dir, join(e.parentPath, e.name)).split('\\').join('/')}`,
    );
}

const out = mkdtempSync(join(tmpdir(), 'lunos-pack-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
try {
  execFileSync('pnpm', ['pack', '--pack-destination', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  const path = join(out, tarball);
  const files = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const { name } = JSON.parse(readFileSync('package.json', 'utf8'));
  const shipsFixtures = name === SHIPS_FIXTURES;
  const leaked = files.filter(
    (f) =>
      /\.test(-d)?\.|\/src\//.test(f) ||
      (/\/fixtures\//.test(f) && !(shipsFixtures && shippedFixture.test(f))),
  );
  if (leaked.length > 0) throw new Error(`tarball ships files it must not:\n${leaked.join('\n')}`);
  if (shipsFixtures) {
    const missing = fixtureFilesOnDisk('fixtures').filter((f) => !files.includes(f));
    if (missing.length > 0)
      throw new Error(`tarball lacks shipped fixture files:\n${missing.join('\n')}`);
  }
  execFileSync('tar', ['-xzf', path, '-C', out]);
  const problems = publishHygieneProblems(out, files);
  if (problems.length > 0) throw new Error(`${tarball}:\n  ${problems.join('\n  ')}`);
  run('publint', ['run', path, '--strict']);
  run('attw', [path, '--profile', 'esm-only']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
