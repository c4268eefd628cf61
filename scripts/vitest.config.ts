import { defineProject } from 'vitest/config';

// The repository's own scripts (publish hygiene rules) are tested like any package.
export default defineProject({
  test: {
    name: 'scripts',
    environment: 'node',
    include: ['*.test.ts'],
  },
});
