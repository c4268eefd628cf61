import { defineConfig } from 'vitest/config';

// One project per package (each package's own vitest.config.ts; React's suite runs twice, under
// React 19 and, from packages/react/react-18, under React 18), plus `scripts` for the repo's own
// scripts. `pnpm test` runs them all and writes a JSON report that .ci/run counts.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/react/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'apps/*/vitest.unit.config.ts',
      'bench/vitest.config.ts',
      'scripts/vitest.config.ts',
    ],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
