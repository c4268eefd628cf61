import type { Benchmark, CaseResult } from '../harness/benchmark';
import { type MemoryTask, measureMemory } from '../harness/measure-memory';
import { startPair, timeOne } from '../inputs/handler-pair';

const MiB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function memoryTask(imageMiB: number, through: boolean): MemoryTask<undefined> {
  let pair: Awaited<ReturnType<typeof startPair>> | undefined;
  return {
    async warmUp() {
      pair = await startPair(imageMiB * MiB);
      // Warm both paths on the real input: the figure is the memory of a run, not of set-up.
      await timeOne(pair.through, pair.total);
      await timeOne(pair.direct, pair.total);
    },
    prepare: () => undefined,
    async run(_input, sample) {
      const p = pair!;
      const result = await timeOne(through ? p.through : p.direct, p.total, sample);
      p.close();
      return result;
    },
  };
}

/** Run in child processes by `measureMemory`: server, handler and client in one process each. */
export const handlerMemoryTasks: Record<string, MemoryTask<undefined>> = {
  'direct-1.5': memoryTask(1.5, false),
  'handler-1.5': memoryTask(1.5, true),
  'direct-16': memoryTask(16, false),
  'handler-16': memoryTask(16, true),
};

/**
 * Extra peak memory of the route handler: the image stream through the handler against direct
 * from the upstream, each path in a child process of its own (upstream, handler and client all
 * there), at 1.5 MiB and 16 MiB images. Flat means nothing is buffered.
 */
export const handlerMemoryBenchmark: Benchmark = {
  id: 'handler-memory',
  async run(context) {
    const memory: Record<string, number> = {};
    const repeats = Math.max(1, Math.round(3 * context.effort));
    for (const key of Object.keys(handlerMemoryTasks)) {
      const peaks: number[] = [];
      for (let i = 0; i < repeats; i++) {
        context.log(`handler-memory: ${key} (${i + 1}/${repeats})`);
        peaks.push(
          (await measureMemory(import.meta.url, 'handlerMemoryTasks', key)).peakBytes / MiB,
        );
      }
      memory[key] = median(peaks);
    }
    const memoryRow = (size: string): CaseResult => ({
      name: `extra peak memory through the handler, ${size} MiB image (handler process minus direct process)`,
      ours: Math.max(0, memory[`handler-${size}`]! - memory[`direct-${size}`]!),
      peers: [],
      limit: { value: 8, label: '≤ 8 MiB' },
      note: `peak: through the handler ${memory[`handler-${size}`]!.toFixed(1)} MiB, direct ${memory[`direct-${size}`]!.toFixed(1)} MiB`,
    });
    return {
      title: 'Route handler, extra peak memory (@lunos-image/core/server)',
      unit: 'MiB',
      method: `SSE image stream in 64 KiB writes from a node:http upstream on 127.0.0.1; heapUsed + external sampled at every client read, handler and client in one child process per path, the upstream in another, after one warm run of both paths, median of ${repeats}; bar: ≤ 8 MiB more than direct`,
      cases: [memoryRow('1.5'), memoryRow('16')],
    };
  },
};
