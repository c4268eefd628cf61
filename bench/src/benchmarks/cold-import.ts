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

/** What the client loads by `import()` at its first generation, after the root. */
const generationCode = () =>
  new URL('./client/generation-run.js', import.meta.resolve('@lunos-image/core')).href;

interface Competitor {
  name: string;
  specifier: string;
  /** Imported after `specifier`, in the same timing. */
  andThen?: string;
  from?: string;
}

/** Milliseconds a fresh Node process takes to `import()` the specifier (nothing cached). */
function timeImport({ specifier, andThen, from = benchDir }: Competitor): number {
  const imports = [specifier, ...(andThen ? [andThen] : [])]
    .map((s) => `await import(${JSON.stringify(s)});`)
    .join(' ');
  const script = `const start = performance.now(); ${imports} process.stdout.write(String(performance.now() - start));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: from,
    encoding: 'utf8',
  });
  return Number(out);
}

const OURS_WITH_GENERATION = "ours + the first generation's code";
const ZOD = 'zod/mini';

const competitors = (): Competitor[] => [
  { name: 'ours', specifier: '@lunos-image/core' },
  { name: `openai ${packageVersion('openai')}`, specifier: 'openai' },
  { name: `ai ${packageVersion('ai')}`, specifier: 'ai' },
  { name: `@openrouter/sdk ${packageVersion('@openrouter/sdk')}`, specifier: '@openrouter/sdk' },
  // Not peers, for the note: what the first generation adds (loaded by import() then), and the
  // share of that which is zod's.
  { name: OURS_WITH_GENERATION, specifier: '@lunos-image/core', andThen: generationCode() },
  { name: ZOD, specifier: 'zod/mini', from: coreDir() },
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
    const notes = [OURS_WITH_GENERATION, ZOD];
    const peers = others.filter((competitor) => !notes.includes(competitor.name));
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
            `with the first generation's code (dist/client/generation-run.js, which the client imports when a generation starts): median ${median(times.get(OURS_WITH_GENERATION)!).toFixed(1)} ms`,
            `zod/mini alone (core's dependency, loaded with the generation's code): median ${median(times.get(ZOD)!).toFixed(1)} ms`,
          ].join('\n'),
        },
      ],
    };
  },
};
