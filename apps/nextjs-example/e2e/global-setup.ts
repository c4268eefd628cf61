import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@lunos-image/msw/node';
import type { TestProject } from 'vitest/node';
import { startUpstreamRelay } from '../../../test-utils/start-upstream-relay';
import { DEFAULT_CHROMIUM, findChromium } from '../../playground/e2e/find-chromium';
import { freePort } from '../../playground/e2e/free-port';
import { BUDGET_USD } from './budget';
import { runNodeBin } from './run-node-bin';
import { SERVER_LOG } from './server-log';
import { startNext } from './start-next';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built example under `next start`, on 127.0.0.1. */
    appUrl: string;
    /** The mock server: the example's upstream, through the relay. */
    mockServerUrl: string;
    /** The relay between the example's server and the mock (`GET /__relay/in-flight`). */
    relayUrl: string;
    /** Empty when there is no Chromium and it is not required: the suite is then skipped. */
    chromiumPath: string;
    /** The fake key the server holds (made for this run); the tests look for it everywhere. */
    apiKey: string;
  }
}

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds what the example imports and the example itself, then serves it with `next start`
 * against the mock server, which answers 401 to any call without a key (so a generation that
 * succeeds proves the route handler added one). Without Chromium the suite is skipped, loudly,
 * unless `LUNOS_E2E=required` (CI), where that fails the run.
 */
export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if (!chromium) {
    const message =
      `The Next.js example's end-to-end tests need Chromium, and there is none at ${process.env.LUNOS_CHROMIUM || DEFAULT_CHROMIUM}. ` +
      'Install it with `apt-get install -y chromium`, or point LUNOS_CHROMIUM at a Chromium or Chrome binary.';
    if (process.env.LUNOS_E2E === 'required') throw new Error(message);
    console.warn(`\n${message} Skipping them (set LUNOS_E2E=required to fail instead).\n`);
    for (const name of ['chromiumPath', 'appUrl', 'mockServerUrl', 'relayUrl', 'apiKey'] as const) {
      project.provide(name, '');
    }
    return;
  }

  // Assembled at run time: no key-shaped literal in the repository, and a new one each run.
  const apiKey = ['sk', 'lunos', 'e2e', randomBytes(24).toString('hex')].join('-');
  const require = createRequire(`${appDir}package.json`);
  const nextBin = require.resolve('next/dist/bin/next');
  const turboBin = createRequire(`${repoDir}package.json`).resolve('turbo/bin/turbo');
  // Not vitest's NODE_ENV=test: Next builds and serves for production only under `production`.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };

  // The app imports the packages as a user's app does, from their `dist`: build them (turbo
  // caches this, and CI's `pnpm build` later reuses it). Only the workspace packages the app
  // itself depends on, read from its package.json.
  const { dependencies } = JSON.parse(readFileSync(`${appDir}package.json`, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const workspaceDeps = Object.keys(dependencies).filter((name) =>
    dependencies[name]?.startsWith('workspace:'),
  );
  await runNodeBin(
    turboBin,
    ['run', 'build', '--output-logs=errors-only', ...workspaceDeps.map((d) => `--filter=${d}`)],
    { cwd: repoDir, env: { ...env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  // Built with the key in the environment, as a real deployment is: it must not end up in the
  // browser's bundles either.
  await runNodeBin(nextBin, ['build'], { cwd: appDir, env: { ...env, LUNOS_API_KEY: apiKey } });

  // The fixture set @lunos-image/msw ships.
  const mockServer = await startMockServer({ requireAuth: true });
  const relay = await startUpstreamRelay(mockServer.url);
  const closeUpstream = () => Promise.all([relay.close(), mockServer.close()]);
  mkdirSync(dirname(SERVER_LOG), { recursive: true });
  let next: Awaited<ReturnType<typeof startNext>>;
  try {
    next = await startNext({
      nextBin,
      appDir,
      port: await freePort(),
      env: {
        ...env,
        LUNOS_API_KEY: apiKey,
        LUNOS_UPSTREAM_URL: `${relay.url}/v1`,
        LUNOS_BUDGET_USD: String(BUDGET_USD),
      },
      logFile: SERVER_LOG,
    });
  } catch (error) {
    await closeUpstream();
    throw error;
  }
  project.provide('chromiumPath', chromium);
  project.provide('appUrl', next.url);
  project.provide('mockServerUrl', mockServer.url);
  project.provide('relayUrl', relay.url);
  project.provide('apiKey', apiKey);
  return async () => {
    await Promise.all([next.close(), closeUpstream()]);
  };
}
