import { defineProject } from 'vitest/config';

// The harness's own logic (run orders, statistics) is tested; the benchmarks themselves run
// only under `pnpm bench`, never as timed tests.
export default defineProject({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['src/harness/**/*.test.ts'],
  },
});
