import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'core',
      environment: 'node',
      typecheck: { enabled: true, tsconfig: './tsconfig.json' },
      // Bundled for the tests: Vitest hands Node the `module` condition, under which these
      // packages resolve to ESM builds with extensionless imports that Node cannot load.
      deps: {
        optimizer: {
          ssr: { enabled: true, include: ['@opentelemetry/api', '@opentelemetry/sdk-trace-base'] },
        },
      },
    },
  }),
);
