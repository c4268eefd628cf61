import { defineConfig } from 'vitest/config';

/**
 * The runtime suite (`pnpm test:runtimes`): the packed packages on every pinned runtime. Not a
 * project of the root config, so `pnpm test` stays self-contained: this one needs built packages
 * and downloads the runtimes (once, into runtimes/.cache). One file per runtime, all at once: the
 * tests mostly wait on realtime-paced streams.
 */
export default defineConfig({
  test: {
    name: 'runtimes',
    root: import.meta.dirname,
    environment: 'node',
    include: ['*.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 7,
    reporters: ['default', 'json'],
    outputFile: { json: '../reports/vitest-runtimes.json' },
  },
});
