import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'react',
      environment: 'jsdom',
      setupFiles: ['./src/test-utils/setup.ts'],
      typecheck: { enabled: true, tsconfig: './tsconfig.json' },
      // Tells react-version.test.tsx which React this project must have loaded.
      provide: { reactMajor: 19 },
    },
  }),
);
