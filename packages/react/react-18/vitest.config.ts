import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import { sourceResolve } from '../../../vitest.shared.ts';

// Resolved from this package's own node_modules, which hold React 18 and a Testing Library (and
// TanStack Query) bound to it; the suite in ../src otherwise resolves React 19 from
// packages/react/node_modules.
const require = createRequire(import.meta.url);
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const fromHere = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'react-dom/server',
  'react-dom/test-utils',
  '@testing-library/react',
  '@tanstack/react-query',
];
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export default mergeConfig(
  sourceResolve,
  defineProject({
    resolve: {
      alias: fromHere.map((name) => ({
        find: new RegExp(`^${escapeRegExp(name)}$`),
        replacement: require.resolve(name),
      })),
    },
    test: {
      name: 'react-18',
      environment: 'jsdom',
      // The suite lives in the package's folder, above this project's own root.
      dir: packageDir,
      include: ['src/**/*.test.{ts,tsx}'],
      // Type-checking the README does not depend on the React at runtime; the react project does it.
      exclude: ['src/readme.test.ts'],
      setupFiles: [join(packageDir, 'src/test-utils/setup.ts')],
      provide: { reactMajor: 18 },
    },
  }),
);
