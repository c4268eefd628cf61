#!/usr/bin/env node
// Packs the package in the current directory exactly as `pnpm publish` would (publishConfig
// applied, workspace: ranges rewritten, .pnpmfile.cjs's beforePacking hook run) and lints the
// tarball: what it ships, the packed package.json, the README's links, the source maps, then
// publint (strict) and @arethetypeswrong/cli with the ESM-only profile. Exits non-zero on any
// problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishHygieneProblems } from './publish-hygiene.mjs';

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
  const leaked = files.filter((f) => /\.test(-d)?\.|\/fixtures\/|\/src\//.test(f));
  if (leaked.length > 0) throw new Error(`tarball ships files it must not:\n${leaked.join('\n')}`);
  execFileSync('tar', ['-xzf', path, '-C', out]);
  const problems = publishHygieneProblems(out, files);
  if (problems.length > 0) throw new Error(`${tarball}:\n  ${problems.join('\n  ')}`);
  run('publint', ['run', path, '--strict']);
  run('attw', [path, '--profile', 'esm-only']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
