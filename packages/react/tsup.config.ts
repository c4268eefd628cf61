import { defineConfig } from 'tsup';
import { publicPackageBuild } from '../../tsup.shared.ts';

/**
 * Two entries: `client.js` holds the hooks and the provider and keeps the 'use client' directive
 * of its entry module; `index.js` re-exports it (left as an import, not bundled in) and adds
 * `imageModelsQueryOptions`, which stays callable from server code (prefetching in a React Server
 * Component) because index.js itself is no client module.
 */
export default defineConfig({
  ...publicPackageBuild,
  entry: { index: 'src/index.ts', client: 'src/client.ts' },
  dts: { compilerOptions: { customConditions: [] } },
  splitting: false,
  external: ['react', '@lunos-image/core', './client.js'],
});
