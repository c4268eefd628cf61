import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchmarks } from './benchmarks/index';
import { type BenchmarkResult, findMisses, type Miss } from './harness/benchmark';
import { formatTable } from './harness/format-table';

/**
 * `pnpm bench`: runs every benchmark (or `--only <id>[,<id>…]`, `--case <text>`), prints one table each,
 * and exits 1 when any bar is missed. `--quick` runs fewer rounds for a look, `--markdown` prints
 * the tables as Markdown and `--markdown-out <file>` also writes them there (for BENCHMARKS.md). With LUNOS_BENCH_NODE=24 the whole run (memory
 * children included) re-executes under that Node major from the npm package `node@24`.
 */
function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const only = argument('--only');
const caseFilter = argument('--case');
const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');
const markdownOut = argument('--markdown-out');

function describeMachine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  return `Node ${process.version} (V8 ${process.versions.v8}), ${platform()} ${arch()}, ${cpus().length} x ${cpu}, ${memory}`;
}

/** Re-runs this script under another Node major when LUNOS_BENCH_NODE asks for one. */
function runUnderRequestedNode(): number | undefined {
  const major = process.env.LUNOS_BENCH_NODE;
  if (!major || process.version.startsWith(`v${major}.`)) return undefined;
  console.log(`Re-running under Node ${major} (npx -p node@${major}) as LUNOS_BENCH_NODE asks.`);
  const result = spawnSync(
    'npx',
    [
      '-y',
      '-p',
      `node@${major}`,
      'node',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

async function main(): Promise<number> {
  const delegated = runUnderRequestedNode();
  if (delegated !== undefined) return delegated;
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    console.error('Run with --expose-gc (the bench script does): runs are separated by a full GC.');
    return 2;
  }
  const core = fileURLToPath(import.meta.resolve('@lunos-image/core'));
  console.log(`lunos-image benchmarks on ${describeMachine()}`);
  const load = loadavg()[0]!;
  // Ratios come from the same rounds, but a machine busy with other work still widens them.
  if (load > cpus().length / 2) {
    console.log(
      `note: load average ${load.toFixed(1)} on ${cpus().length} cores; other work is running`,
    );
  }
  console.log(`@lunos-image/core from ${core}`);
  if (!core.includes('/dist/')) console.log('warning: core resolved to its sources, not the build');
  console.log('');
  const results: BenchmarkResult[] = [];
  const misses: Miss[] = [];
  for (const benchmark of benchmarks) {
    if (only && !only.split(',').includes(benchmark.id)) continue;
    const result = await benchmark.run({
      caseFilter,
      effort: quick ? 0.34 : 1,
      log: (message) => console.error(`  … ${message}`),
    });
    results.push(result);
    misses.push(...findMisses(result));
    console.log(formatTable(result, markdown));
    console.log('');
  }
  if (markdownOut) {
    const loadAtEnd = loadavg()[0]!;
    const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${describeMachine()}; load average ${load.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end, on ${cpus().length} cores.`;
    writeFileSync(
      markdownOut,
      `${[header, ...results.map((result) => formatTable(result, true))].join('\n\n')}\n`,
    );
  }
  if (misses.length === 0) {
    console.log(`All bars met (${results.length} benchmark${results.length === 1 ? '' : 's'}).`);
    return 0;
  }
  console.log(`${misses.length} bar(s) missed:`);
  for (const miss of misses) console.log(`  ${miss.benchmark} / ${miss.caseName}: ${miss.message}`);
  return 1;
}

process.exitCode = await main();
