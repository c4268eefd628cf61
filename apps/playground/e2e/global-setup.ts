import { fileURLToPath } from 'node:url';
import { startMockServer } from '@lunos-image/msw/node';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { findChromium, missingChromiumMessage } from './find-chromium';
import { serveStatic } from './serve-static';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built playground, served on 127.0.0.1. */
    appUrl: string;
    /** A `lunos-image-mock serve` equivalent (same handlers and fixtures) for the server mode. */
    mockServerUrl: string;
    /** Empty when there is no Chromium and it is not required: the suite is then skipped. */
    chromiumPath: string;
  }
}

const appDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the playground (so `pnpm test` alone is enough), serves the static site, and starts a
 * mock server for the server mode. Without Chromium the suite is skipped, loudly, so the README's
 * test command works on a machine with only Node and npm; with `LUNOS_E2E=required` (CI) a
 * missing Chromium fails the run instead.
 */
export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if (!chromium) {
    if (process.env.LUNOS_E2E === 'required') throw new Error(missingChromiumMessage());
    console.warn(
      `\n${missingChromiumMessage()} Skipping them (set LUNOS_E2E=required to fail instead).\n`,
    );
    project.provide('chromiumPath', '');
    project.provide('appUrl', '');
    project.provide('mockServerUrl', '');
    return;
  }
  project.provide('chromiumPath', chromium);
  await build({ root: appDir, logLevel: 'warn', mode: 'production' });
  const site = await serveStatic(`${appDir}dist`);
  // Eight times the recorded pace: every phase still happens, in under a second per run.
  // With no fixtures option it replays the set @lunos-image/msw ships, as `lunos-image-mock serve` does.
  const mockServer = await startMockServer({ timing: { speed: 8 } });
  project.provide('appUrl', site.url);
  project.provide('mockServerUrl', mockServer.url);
  return async () => {
    await Promise.all([site.close(), mockServer.close()]);
  };
}
