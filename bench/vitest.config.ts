import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The harness's own logic (run orders, statistics) is tested, so is what a page loads first
// (bundle-size's split, deterministic), and so are peer clients that only
// this package depends on (openai-node through our route handler); the benchmarks themselves run
// only under `pnpm bench`, never as timed tests.
export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'bench',
      environment: 'node',
      include: [
        'src/harness/**/*.test.ts',
        'src/clients/**/*.test.ts',
        'src/benchmarks/**/*.test.ts',
      ],
    },
  }),
);
