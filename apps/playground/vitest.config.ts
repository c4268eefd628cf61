import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * End-to-end tests: the built playground in Debian's Chromium, driven by playwright-core. The
 * global setup builds the app and serves it; one worker, since one browser per file already
 * keeps both cores busy.
 */
export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'playground-e2e',
      environment: 'node',
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['e2e/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
      maxWorkers: 1,
      // expect.poll waits 1 s by default: a page under CI load can take longer to file a run;
      // what is polled for must still happen, only not within one second.
      expect: { poll: { timeout: 15_000 } },
    },
  }),
);
