import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * Unit and component tests of the playground's pieces (no browser): components rendered to
 * markup with react-dom/server, the live mode's route handler called directly.
 */
export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'playground',
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}', '*.test.ts'],
    },
  }),
);
