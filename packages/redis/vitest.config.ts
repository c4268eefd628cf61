import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'redis',
      environment: 'node',
      typecheck: { enabled: true, tsconfig: './tsconfig.json' },
      // Each test file starts its own redis-server; the contract waits on the real clock.
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  }),
);
