import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { sourceMapContributors } from './source-map-contributors';

/** What an application bundler leaves out: React is the app's, not the SDK's. */
export const reactExternals = ['react', 'react-dom', 'react/jsx-runtime', 'react/jsx-dev-runtime'];

export interface BundleSize {
  /** What the page loads with the entry: the entry file and every chunk it imports statically. */
  minifiedBytes: number;
  /** The same, each file gzipped on its own (as it is served), summed. */
  gzippedBytes: number;
  /** Chunks only an `import()` reaches: loaded when the code that needs them first runs. */
  lazyMinifiedBytes: number;
  lazyGzippedBytes: number;
  /** Minified bytes per bundled input file of the files loaded with the entry (esbuild's
   * metafile, `bytesInOutput`). */
  inputs: Map<string, number>;
  /** The bundled input files of the chunks only an `import()` reaches. */
  lazyInputs: Set<string>;
  /** Minified characters per original source file of those files (through the source maps). */
  contributors: Map<string, number>;
}

/** Resolve the entries from the bench package, whose node_modules hold ours and the peers. */
const benchDir = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${benchDir}bundle-size-out`;

/**
 * Bundles `entry` (source text, e.g. `export { useChat } from '@ai-sdk/react'`) the way an app's
 * production build would: esbuild, ESM, platform browser (so packages' `browser` fields and
 * conditions apply), minified, `NODE_ENV=production`, tree-shaken to what the entry exports,
 * code splitting on (as Vite, Next.js and webpack do), with `externals` left out. The same
 * configuration for ours and every peer. What counts is what the page loads with the entry;
 * chunks only an `import()` reaches are summed apart. Sizes are of the JavaScript alone; gzip at
 * level 9, as CDNs serve.
 */
export async function measureBundle(
  entry: string,
  externals: string[],
  /** Extra export conditions: the tests bundle our sources (`@lunos-image/source`), not dist. */
  conditions: string[] = [],
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry, resolveDir: benchDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: externals,
    conditions,
    // External source maps: they are read below and nothing is appended to the measured code.
    sourcemap: 'external',
    outdir,
    entryNames: 'entry',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  // Metafile paths are relative to the working directory, output files' absolute.
  const file = (path: string) => result.outputFiles.find((out) => out.path === resolve(path))!;
  const entryPath = Object.keys(outputs).find((path) => path.endsWith('/entry.js'));
  if (!entryPath) throw new Error('esbuild wrote no bundle');
  // The entry and, transitively, every chunk it imports statically.
  const initial = new Set([entryPath]);
  for (const path of initial) {
    for (const imported of outputs[path]!.imports) {
      if (imported.kind === 'import-statement' && imported.path in outputs) {
        initial.add(imported.path);
      }
    }
  }
  const size = { minifiedBytes: 0, gzippedBytes: 0, lazyMinifiedBytes: 0, lazyGzippedBytes: 0 };
  const inputs = new Map<string, number>();
  const contributors = new Map<string, number>();
  const lazyInputs = new Set<string>();
  for (const path of Object.keys(outputs)) {
    if (!path.endsWith('.js')) continue;
    const code = file(path);
    const gzipped = gzipSync(code.contents, { level: 9 }).byteLength;
    if (!initial.has(path)) {
      for (const input of Object.keys(outputs[path]!.inputs)) lazyInputs.add(input);
      size.lazyMinifiedBytes += code.contents.byteLength;
      size.lazyGzippedBytes += gzipped;
      continue;
    }
    size.minifiedBytes += code.contents.byteLength;
    size.gzippedBytes += gzipped;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path]!.inputs)) {
      inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
    }
    for (const [source, chars] of sourceMapContributors(code.text, file(`${path}.map`).text)) {
      contributors.set(source, (contributors.get(source) ?? 0) + chars);
    }
  }
  return { ...size, inputs, lazyInputs, contributors };
}
