import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertIsolated, packPackages } from '../../scripts/pack-packages.mjs';
import { type InstalledRuntime, installRuntime } from './install-runtime';
import { npmInstall } from './npm-install';
import { RUNTIMES, type RuntimeName } from './runtimes';

/** What a runtime's test file gets: where it is installed, or why it is not. */
export type RuntimeInstall = InstalledRuntime | { problem: string };

export interface RuntimeSuite {
  /** The app holding the packed packages; empty when it could not be made (then all skip). */
  app: string;
  problem: string;
  runtimes: Record<RuntimeName, RuntimeInstall>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    runtimeSuite: RuntimeSuite;
  }
}

const root = join(import.meta.dirname, '..', '..');
const required = process.env.LUNOS_E2E === 'required';
const mswVersion = JSON.parse(readFileSync(join(root, 'packages/msw/package.json'), 'utf8'))
  .devDependencies.msw;

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    console.log(`  ${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s  ${what}`);
  }
}

/**
 * An app outside the workspace holding what a user installs from npm: the packed core and msw
 * (packed once per run), msw itself, and the suite's harness files. No workspace link or hoisted
 * package can stand in for a tarball there.
 */
async function makeApp(tmp: string): Promise<string> {
  const app = join(tmp, 'app');
  const tarballs = await timed('pack @lunos-image/core, msw', () =>
    packPackages(['core', 'msw'], join(tmp, 'tarballs')),
  );
  cpSync(join(import.meta.dirname, '..', 'harness'), join(app, 'harness'), { recursive: true });
  await timed('npm install the tarballs into an app outside the workspace', () =>
    npmInstall(app, {
      name: 'lunos-image-runtimes-app',
      private: true,
      type: 'module',
      dependencies: { ...tarballs, msw: mswVersion },
    }),
  );
  return app;
}

/** Warns that tests are skipped; with `LUNOS_E2E=required` their test files fail instead. */
function warnSkipped(problem: string): void {
  console.warn(`\n${problem}\nIts tests are skipped (set LUNOS_E2E=required to fail instead).\n`);
}

/**
 * Packs the packages once, installs them into an app outside the workspace, and installs every
 * pinned runtime into the cache (once: later runs reuse it). A runtime that cannot be installed
 * (no network, no package for this platform) has its tests skipped with a warning, unless
 * `LUNOS_E2E=required` (CI), where it fails them.
 */
export default async function setup(project: TestProject) {
  const tmp = mkdtempSync(join(tmpdir(), 'lunos-runtimes-'));
  assertIsolated(tmp);
  console.log('\n==> runtime suite: setup');
  const names = Object.keys(RUNTIMES) as RuntimeName[];
  const [app, ...installs] = await Promise.all([
    makeApp(tmp).then(
      (dir) => ({ dir, problem: '' }),
      (error: Error) => {
        const problem = `The runtime suite could not install the packed packages: ${error.message}`;
        // Nothing can run without them: in CI that is a failure of the whole suite.
        if (required) throw new Error(problem);
        warnSkipped(problem);
        return { dir: '', problem };
      },
    ),
    ...names.map((name) =>
      timed(`${name} ${RUNTIMES[name].version}`, () => installRuntime(name, RUNTIMES[name])).catch(
        (error: Error): RuntimeInstall => ({
          problem: `The runtime suite could not install ${RUNTIMES[name].label} ${RUNTIMES[name].version}: ${error.message}`,
        }),
      ),
    ),
  ]);
  const runtimes = Object.fromEntries(names.map((name, i) => [name, installs[i]!])) as Record<
    RuntimeName,
    RuntimeInstall
  >;
  for (const install of Object.values(runtimes)) {
    if ('problem' in install && !required) warnSkipped(install.problem);
  }
  project.provide('runtimeSuite', { app: app.dir, problem: app.problem, runtimes });
  return () => rmSync(tmp, { recursive: true, force: true });
}
