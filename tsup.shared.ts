import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

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

/**
 * Every relative import left as an import of the module's own built file (`./x` → `./x.js`,
 * `./dir` → `./dir/index.js`), so each source module builds to one file of its own.
 */
const relativeImportsAsFiles: Plugin = {
  name: 'relative-imports-as-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const base = resolve(args.resolveDir, args.path);
      if (existsSync(`${base}.ts`)) return { path: `${args.path}.js`, external: true };
      if (existsSync(join(base, 'index.ts'))) {
        return { path: `${args.path}/index.js`, external: true };
      }
      return {
        errors: [{ text: `${args.path} is neither a .ts file nor a folder with index.ts` }],
      };
    });
  },
};

/**
 * The JavaScript of a package as one file per source module, the layout of the sources, instead
 * of entries and the shared chunks esbuild would make. An app's bundler splits and tree-shakes by
 * file: with chunks grouping, say, the client's option checks and the request builder, a module
 * loaded by `import()` (a generation's code) would be pulled into the page's first load with its
 * chunk-mates. One file per module lets the bundler put each where it is first used.
 */
export function moduleBuild(entry: string[]): Options {
  return {
    ...publicPackageBuild,
    entry,
    bundle: true,
    splitting: false,
    dts: false,
    esbuildPlugins: [relativeImportsAsFiles],
  };
}
