import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * End to end: the example built with `next build`, served by `next start` against the mock
 * server, driven in Debian's Chromium by playwright-core. One worker: a Next server and a browser
 * already keep both cores busy.
 */
export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'nextjs-example-e2e',
      environment: 'node',
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['e2e/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      fileParallelism: false,
      maxWorkers: 1,
    },
  }),
);
