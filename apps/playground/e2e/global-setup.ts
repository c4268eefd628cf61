import { fileURLToPath } from 'node:url';
import { startMockServer } from '@lunos-image/msw/node';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { findChromium } from './find-chromium';
import { serveStatic } from './serve-static';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built playground, served on 127.0.0.1. */
    appUrl: string;
    /** A `lunos-image-mock serve` equivalent (same handlers and fixtures) for the server mode. */
    mockServerUrl: string;
    chromiumPath: string;
  }
}

const appDir = fileURLToPath(new URL('..', import.meta.url));
const fixturesDir = fileURLToPath(new URL('../../../fixtures', import.meta.url));

/**
 * Builds the playground (so `pnpm test` alone is enough), serves the static site, and starts a
 * mock server for the server mode. Fails at once, with what to do, when Chromium is missing.
 */
export default async function setup(project: TestProject) {
  project.provide('chromiumPath', findChromium());
  await build({ root: appDir, logLevel: 'warn', mode: 'production' });
  const site = await serveStatic(`${appDir}dist`);
  // Eight times the recorded pace: every phase still happens, in under a second per run.
  const mockServer = await startMockServer({ fixturesDir, timing: { speed: 8 } });
  project.provide('appUrl', site.url);
  project.provide('mockServerUrl', mockServer.url);
  return async () => {
    await Promise.all([site.close(), mockServer.close()]);
  };
}
