import { balancedOrders } from './balanced-orders';

/** One contestant in a speed case: how to run it once on the case's input. */
export interface SpeedCompetitor<TInput> {
  name: string;
  run(input: TInput): Promise<unknown>;
}

export interface SpeedOptions {
  /** Untimed runs of each competitor first, so every one is measured with warm JIT code. */
  warmup: number;
  minRounds: number;
  maxRounds: number;
  /** Stop adding rounds (past minRounds) once the case has taken this long. */
  budgetMs: number;
  /**
   * Runs in a row that make one sample, which is their mean (default 1). For cases of a few
   * milliseconds: one run either catches a garbage collection or not, so single-run samples
   * are bimodal and their median jumps between the modes from one bench run to the next;
   * several runs a sample share the collections out evenly.
   */
  runsPerSample?: number;
}

export interface SpeedResult {
  name: string;
  medianMs: number;
  samples: number[];
}

const gc = (globalThis as { gc?: () => void }).gc;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times every competitor on the same input in interleaved rounds and reports the median. Each
 * round runs all of them, in orders that give every competitor every other one as predecessor
 * equally often (`balancedOrders`): drift on a shared machine and the garbage one run leaves for
 * the next hit all alike. Rounds end only after a whole set of orders. A full GC starts each
 * round. Not one before every run: right after a forced full GC V8 runs short cases up to 3x
 * slower (measured), which would hide the differences the small cases are about.
 */
export async function measureSpeed<TInput>(
  input: TInput,
  competitors: SpeedCompetitor<TInput>[],
  options: SpeedOptions,
): Promise<SpeedResult[]> {
  for (let i = 0; i < options.warmup; i++) {
    for (const competitor of competitors) await competitor.run(input);
  }
  const runsPerSample = options.runsPerSample ?? 1;
  if (!Number.isInteger(runsPerSample) || runsPerSample < 1) {
    throw new RangeError(
      `measureSpeed: runsPerSample must be a positive integer, got ${runsPerSample}`,
    );
  }
  const samples = competitors.map(() => [] as number[]);
  const orders = balancedOrders(competitors.length);
  const started = performance.now();
  for (let round = 0; round < options.maxRounds || round % orders.length !== 0; round++) {
    if (
      round % orders.length === 0 &&
      round >= options.minRounds &&
      performance.now() - started > options.budgetMs
    ) {
      break;
    }
    gc?.();
    for (const index of orders[round % orders.length]!) {
      const t0 = performance.now();
      for (let run = 0; run < runsPerSample; run++) await competitors[index]!.run(input);
      samples[index]!.push((performance.now() - t0) / runsPerSample);
    }
  }
  return competitors.map((competitor, index) => ({
    name: competitor.name,
    medianMs: median(samples[index]!),
    samples: samples[index]!,
  }));
}
