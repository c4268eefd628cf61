import { defineConfig } from 'vitest/config';

// One project per package (each package's own vitest.config.ts). `pnpm test` runs them all and
// writes a JSON report that .ci/run counts.
export default defineConfig({
  test: {
    projects: ['packages/*'],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
