import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * Unit and component tests of the example's pieces (no browser): components rendered to
 * markup with react-dom/server, the route handler called directly.
 */
export default mergeConfig(
  sourceResolve,
  defineProject({
    test: {
      name: 'nextjs-example',
      environment: 'node',
      include: ['app/**/*.test.{ts,tsx}'],
    },
  }),
);
