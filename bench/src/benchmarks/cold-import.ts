import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from '../harness/benchmark';
import { packageVersion } from '../harness/package-version';
import { spread } from '../harness/spread';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Resolve the imports from the bench package, whose node_modules hold ours and the peers. */
const benchDir = fileURLToPath(new URL('../..', import.meta.url));

/** Core's built files, where core's own zod resolves from. */
const coreDir = () => dirname(fileURLToPath(import.meta.resolve('@lunos-image/core')));

/** Milliseconds a fresh Node process takes to `import()` the specifier (nothing cached). */
function timeImport({ specifier, from = benchDir }: { specifier: string; from?: string }): number {
  const script = `const start = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - start));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: from,
    encoding: 'utf8',
  });
  return Number(out);
}

const competitors = () => [
  { name: 'ours', specifier: '@lunos-image/core' },
  { name: `openai ${packageVersion('openai')}`, specifier: 'openai' },
  { name: `ai ${packageVersion('ai')}`, specifier: 'ai' },
  { name: `@openrouter/sdk ${packageVersion('@openrouter/sdk')}`, specifier: '@openrouter/sdk' },
  // Not a peer: the share of ours that is zod's, for the note.
  { name: 'zod/mini', specifier: 'zod/mini', from: coreDir() },
];

/**
 * Start-up: a cold `import('@lunos-image/core')` in a fresh Node process (what a serverless
 * function pays on a cold start before its first request), beside the peers' packages, each in
 * its own process, interleaved round by round; printed, no bar.
 */
export const coldImportBenchmark: Benchmark = {
  id: 'cold-import',
  async run(context) {
    const rounds = Math.max(5, Math.round(15 * context.effort));
    const all = competitors();
    const times = new Map(all.map((competitor) => [competitor.name, [] as number[]]));
    for (const competitor of all) timeImport(competitor); // warms the disk cache
    for (let round = 0; round < rounds; round++) {
      context.log(`cold-import: round ${round + 1}/${rounds}`);
      // Rotate who goes first, so drift in machine load lands on all alike.
      for (let k = 0; k < all.length; k++) {
        const competitor = all[(round + k) % all.length]!;
        times.get(competitor.name)!.push(timeImport(competitor));
      }
    }
    const [ours, ...others] = all;
    const peers = others.filter((competitor) => competitor.name !== 'zod/mini');
    const zod = times.get('zod/mini')!;
    return {
      title: 'Cold import in Node',
      unit: 'ms',
      method: `a fresh node process per import, timing await import(package) from the bench package (the built dist), rotating, median of ${rounds}; printed, no bar`,
      cases: [
        {
          name: "import('@lunos-image/core')",
          ours: median(times.get(ours!.name)!),
          peers: peers.map((peer) => ({ name: peer.name, value: median(times.get(peer.name)!) })),
          note: [
            `spread: ${all.map((c) => `${c.name} ${spread(times.get(c.name)!)}`).join(', ')}`,
            `zod/mini alone (core's dependency): median ${median(zod).toFixed(1)} ms`,
          ].join('\n'),
        },
      ],
    };
  },
};
