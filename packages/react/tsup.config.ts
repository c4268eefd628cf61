import { defineConfig } from 'tsup';

/**
 * Two entries: `client.js` holds the hooks and the provider and starts with 'use client' (esbuild
 * drops module directives when it bundles, so the plugin below puts it back); `index.js` re-exports
 * it and adds `imageModelsQueryOptions`, which stays callable from server code (prefetching in a
 * React Server Component) because index.js itself is no client module.
 */
export default defineConfig({
  entry: { index: 'src/index.ts', client: 'src/client.ts' },
  format: ['esm'],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: false,
  external: ['react', '@lunos-image/core', './client.js'],
  plugins: [
    {
      name: 'use-client-directive',
      renderChunk(code, chunk) {
        if (!/(^|\/)client\.js$/.test(chunk.path)) return undefined;
        return { code: `'use client';\n${code}` };
      },
    },
  ],
});
