import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { sourceMapContributors } from './source-map-contributors';

/** What an application bundler leaves out: React is the app's, not the SDK's. */
export const reactExternals = ['react', 'react-dom', 'react/jsx-runtime', 'react/jsx-dev-runtime'];

export interface BundleSize {
  minifiedBytes: number;
  gzippedBytes: number;
  /** Minified bytes per bundled input file, from esbuild's metafile (`bytesInOutput`). */
  inputs: Map<string, number>;
  /** Minified characters per original source file (through the input source maps). */
  contributors: Map<string, number>;
}

/** Resolve the entries from the bench package, whose node_modules hold ours and the peers. */
const benchDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `entry` (source text, e.g. `export { useChat } from '@ai-sdk/react'`) the way an app's
 * production build would: esbuild, ESM, platform browser (so packages' `browser` fields and
 * conditions apply), minified, `NODE_ENV=production`, tree-shaken to what the entry exports,
 * with `externals` left out. Sizes are of the JavaScript alone; gzip at level 9, as CDNs serve.
 */
export async function measureBundle(entry: string, externals: string[]): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry, resolveDir: benchDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: externals,
    // External source map: the map is read below and nothing is appended to the measured code.
    sourcemap: 'external',
    outfile: `${benchDir}bundle-size-out.js`,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  if (!code || !map) throw new Error('esbuild wrote no bundle');
  return {
    minifiedBytes: code.contents.byteLength,
    gzippedBytes: gzipSync(code.contents, { level: 9 }).byteLength,
    inputs: new Map(
      Object.entries(
        Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.js'))?.[1]
          .inputs ?? {},
      ).map(([path, input]) => [path, input.bytesInOutput]),
    ),
    contributors: sourceMapContributors(code.text, map.text),
  };
}
