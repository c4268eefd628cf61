// What a user gets from npm: the public packages packed as `pnpm publish` would (publishConfig
// applied, workspace: ranges rewritten), for checks that install them outside the workspace
// (scripts/check-consumer.mjs, the runtime suite in runtimes/).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { runCommand } from './run-command.mjs';

const root = join(import.meta.dirname, '..');

/**
 * Packs `packages/<name>` for each name into `dest/<name>/`; resolves to
 * `{ '@lunos-image/<name>': 'file:/…/x.tgz' }`, ready for a package.json's dependencies. Needs
 * built packages (`dist/`).
 */
export async function packPackages(names, dest) {
  const entries = [];
  for (const name of names) {
    const dir = join(root, 'packages', name);
    if (!existsSync(join(dir, 'dist')))
      throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first`);
    const out = join(dest, name);
    await runCommand('pnpm', ['pack', '--pack-destination', out], { cwd: dir, capture: true });
    const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`pnpm pack wrote ${tarballs.length} tarballs`);
    entries.push([`@lunos-image/${name}`, `file:${join(out, tarballs[0])}`]);
  }
  return Object.fromEntries(entries);
}

/**
 * A folder above `dir` holding node_modules would let Node resolve what the app did not install;
 * a check must see only what npm put in the app.
 */
export function assertIsolated(dir) {
  for (let up = dirname(dir); ; up = dirname(up)) {
    if (existsSync(join(up, 'node_modules')))
      throw new Error(`${up}/node_modules would leak into the consumer apps: set TMPDIR elsewhere`);
    if (dirname(up) === up) break;
  }
  if (!relative(root, dir).startsWith(`..${sep}`))
    throw new Error(`${dir} is inside the workspace`);
}
