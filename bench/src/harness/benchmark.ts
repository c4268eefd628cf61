/**
 * The shape every benchmark in `pnpm bench` has. A benchmark measures ours and each peer on the
 * same inputs in the same run and reports one row per case; the runner prints the table and fails
 * the run when a bar is missed. Add a benchmark by writing a module that exports a `Benchmark`
 * and listing it in `src/benchmarks/index.ts`.
 */

export type Unit = 'ms' | 'MiB' | 'kB' | 'commits' | 'generations';

export interface PeerResult {
  /** The peer's name as printed (`eventsource-parser 4.1.3`). */
  name: string;
  value: number;
  /** Largest allowed ours/peer ratio; absent: printed for comparison only. */
  maxRatio?: number;
}

export interface CaseResult {
  /** What this row measured (`16 MiB image, 64 KiB reads`). */
  name: string;
  ours: number;
  peers: PeerResult[];
  /** An absolute limit on ours (e.g. peak memory at most 3x the base64 size). */
  limit?: { value: number; label: string };
  /** Anything worth printing under the row (spread, extra figures). */
  note?: string;
}

export interface BenchmarkResult {
  title: string;
  unit: Unit;
  /** How the figures were obtained, printed under the title. */
  method: string;
  cases: CaseResult[];
}

export interface BenchmarkContext {
  /** Only cases whose name contains this run (from `--case`); all when undefined. */
  caseFilter: string | undefined;
  /** Scales the number of runs; `--quick` sets it below 1 for a fast look. */
  effort: number;
  log(message: string): void;
}

export interface Benchmark {
  /** Short id used on the command line (`--only sse-decode`). */
  id: string;
  run(context: BenchmarkContext): Promise<BenchmarkResult>;
}

/** A missed bar, in words. */
export interface Miss {
  benchmark: string;
  caseName: string;
  message: string;
}

export function findMisses(result: BenchmarkResult): Miss[] {
  const misses: Miss[] = [];
  for (const row of result.cases) {
    for (const peer of row.peers) {
      if (peer.maxRatio === undefined) continue;
      const ratio = row.ours / peer.value;
      if (ratio > peer.maxRatio) {
        misses.push({
          benchmark: result.title,
          caseName: row.name,
          message: `ours/${peer.name} = ${ratio.toFixed(3)}x, bar ${peer.maxRatio}x`,
        });
      }
    }
    if (row.limit && row.ours > row.limit.value) {
      misses.push({
        benchmark: result.title,
        caseName: row.name,
        message: `ours = ${row.ours.toFixed(1)} ${result.unit}, limit ${row.limit.label}`,
      });
    }
  }
  return misses;
}
