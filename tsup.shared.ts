import type { Options } from 'tsup';

/**
 * What every public package's build shares: ESM for ES2022, a clean dist, and source maps without
 * the sources embedded.
 *
 * The maps stay because they are small and useful without the sources: a stack trace under
 * `node --enable-source-maps` or in devtools names the original module and line, and the bench
 * attributes bundle bytes to our modules through them (bench/src/harness/measure-bundle.ts).
 * `sourcesContent` goes because it copied every source file into the tarball a second time, for
 * a package whose dist is unminified and readable as it is. scripts/check-package.mjs fails if a
 * packed map embeds sources again.
 */
export const publicPackageBuild = {
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'es2022',
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
} satisfies Options;
