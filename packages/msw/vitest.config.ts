import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * `LUNOS_MSW=3` (the Node 24 leg of CI) runs the same suite against msw 3: every import of `msw`
 * or one of its subpaths is redirected to the `msw-3` alias package.
 */
const msw3 = process.env.LUNOS_MSW === '3';

export default mergeConfig(
  sourceResolve,
  defineProject({
    resolve: {
      alias: msw3 ? [{ find: /^msw(\/.*)?$/, replacement: 'msw-3$1' }] : [],
    },
    test: {
      name: 'msw',
      environment: 'node',
      typecheck: { enabled: true, tsconfig: './tsconfig.json' },
      // Real-server and realtime tests wait on recorded gaps of a few seconds.
      testTimeout: 30_000,
    },
  }),
);
