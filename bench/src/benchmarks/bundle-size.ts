import type { Benchmark, CaseResult, PeerResult } from '../harness/benchmark';
import { type BundleSize, measureBundle, reactExternals } from '../harness/measure-bundle';
import { packageVersion } from '../harness/package-version';

const kB = 1000;

interface BundleEntry {
  /** Printed name. */
  name: string;
  /** The one line a user writes, as the bundle's entry. */
  entry: string;
}

interface BundleCase {
  name: string;
  ours: BundleEntry;
  /** Packages whose own share is worth printing: gzip of the bundle without them. */
  parts: string[];
  peers: BundleEntry[];
  limitKB: number;
}

const cases = (): BundleCase[] => [
  {
    name: '@lunos-image/react: useImageGeneration + useImageModels + LunosImageProvider (a browser app behind the route handler)',
    ours: {
      name: 'ours',
      entry:
        "export { LunosImageProvider, useImageGeneration, useImageModels } from '@lunos-image/react';",
    },
    parts: ['@lunos-image/core', 'zod'],
    peers: [
      {
        name: `@ai-sdk/react ${packageVersion('@ai-sdk/react')} useChat`,
        entry: "export { useChat } from '@ai-sdk/react';",
      },
    ],
    limitKB: 25,
  },
  {
    name: '@lunos-image/core: createLunosImageClient (generate + stream)',
    ours: {
      name: 'ours',
      entry: "export { createLunosImageClient } from '@lunos-image/core';",
    },
    parts: ['zod'],
    peers: [
      {
        name: `ai ${packageVersion('ai')} generateImage + @openrouter/ai-sdk-provider ${packageVersion('@openrouter/ai-sdk-provider')}`,
        entry:
          "export { generateImage } from 'ai'; export { createOpenRouter } from '@openrouter/ai-sdk-provider';",
      },
      {
        name: `openai ${packageVersion('openai')} OpenAI`,
        entry: "export { default } from 'openai';",
      },
      {
        name: `@openrouter/sdk ${packageVersion('@openrouter/sdk')} OpenRouter`,
        entry: "export { OpenRouter } from '@openrouter/sdk';",
      },
    ],
    limitKB: 20,
  },
];

/** `../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/api.js` → `zod/v4/core/api.js`;
 * `../packages/core/src/sse/x.ts` → `@lunos-image/core/src/sse/x.ts`. */
function shortPath(path: string): string {
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules !== -1) return path.slice(inModules + 'node_modules/'.length);
  const workspace = /(?:^|\/)packages\/([^/]+)\/(.*)$/.exec(path);
  if (workspace) return `@lunos-image/${workspace[1]}/${workspace[2]}`;
  return path;
}

function packageOf(path: string): string {
  const parts = shortPath(path).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const size = (bytes: number) => `${(bytes / kB).toFixed(1)} kB`;

/** Where our minified bytes go, by package (metafile) and by source file (source maps). */
function contributors(bundle: BundleSize, gzipWithout: Map<string, number>): string {
  const byPackage = new Map<string, number>();
  for (const [path, bytes] of bundle.inputs) {
    if (path === 'entry.js') continue;
    const name = packageOf(path);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
  }
  const share = (bytes: number) => `${Math.round((100 * bytes) / bundle.minifiedBytes)}%`;
  const packages = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => {
      const without = gzipWithout.get(name);
      const gz =
        without === undefined ? '' : `, ${size(bundle.gzippedBytes - without)} gz of the total`;
      return `${name} ${size(bytes)} min (${share(bytes)}${gz})`;
    });
  const files = [...bundle.contributors]
    .filter(([path]) => path !== '' && path !== 'entry.js')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([path, bytes]) => `${shortPath(path)} ${size(bytes)}`);
  return [
    `ours by package (esbuild metafile, minified; gz: what leaving it out saves, with what only it imports): ${packages.join(', ')}`,
    `ours, largest source files (minified, through the source maps): ${files.join(', ')}`,
  ].join('\n');
}

/**
 * Minified + gzipped size of what a user's one-line import pulls into a browser bundle, React
 * external, built by esbuild from the published builds (`dist`), ours against the peers.
 * Deterministic, so one build each.
 */
export const bundleSizeBenchmark: Benchmark = {
  id: 'bundle-size',
  async run(context) {
    const rows: CaseResult[] = [];
    for (const bundleCase of cases()) {
      if (context.caseFilter && !bundleCase.name.includes(context.caseFilter)) continue;
      context.log(`bundle-size: ${bundleCase.name}`);
      const ours = await measureBundle(bundleCase.ours.entry, reactExternals);
      const gzipWithout = new Map<string, number>();
      for (const part of bundleCase.parts) {
        const without = await measureBundle(bundleCase.ours.entry, [...reactExternals, part]);
        gzipWithout.set(part, without.gzippedBytes);
      }
      const peers: PeerResult[] = [];
      const lazy = [`ours ${size(ours.lazyGzippedBytes)}`];
      for (const peer of bundleCase.peers) {
        const measured = await measureBundle(peer.entry, reactExternals);
        peers.push({ name: peer.name, value: measured.gzippedBytes / kB });
        if (measured.lazyGzippedBytes > 0)
          lazy.push(`${peer.name} ${size(measured.lazyGzippedBytes)}`);
      }
      rows.push({
        name: bundleCase.name,
        ours: ours.gzippedBytes / kB,
        peers,
        limit: {
          value: bundleCase.limitKB,
          label: `≤ ${bundleCase.limitKB} kB`,
        },
        note: [
          `loaded later, by import() where first used (gzipped, not in the figure): ${lazy.join(', ')}`,
          `ours minified ${size(ours.minifiedBytes)}; entries: ${[
            bundleCase.ours,
            ...bundleCase.peers,
          ]
            .map((entry) => `\`${entry.entry}\``)
            .join(' ')}`,
          contributors(ours, gzipWithout),
        ].join('\n'),
      });
    }
    return {
      title: 'Bundle size, minified + gzipped',
      unit: 'kB',
      method:
        'esbuild, ESM, platform browser, minified, code splitting, NODE_ENV=production, React external, from the built packages, the same for all; what the page loads with the entry (the entry and its static chunks, each gzip -9); 1 kB = 1000 bytes',
      cases: rows,
    };
  },
};
