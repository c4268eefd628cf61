import type { Benchmark } from '../harness/benchmark';
import { spread } from '../harness/spread';
import { startPair, timeOne } from '../inputs/handler-pair';

const MiB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * What the route handler costs: the 16 MiB image stream fetched through the handler (mounted
 * with toNodeListener on node:http) against the same stream fetched from the upstream directly,
 * alternating in one run; and the peak memory of each path in a process of its own.
 */
export const handlerCostBenchmark: Benchmark = {
  id: 'handler-cost',
  async run(context) {
    const rounds = Math.max(5, Math.round(21 * context.effort));
    const pair = await startPair(16 * MiB);
    const direct = { first: [] as number[], last: [] as number[] };
    const through = { first: [] as number[], last: [] as number[] };
    try {
      for (let i = 0; i < 3; i++) {
        await timeOne(pair.direct, pair.total);
        await timeOne(pair.through, pair.total);
      }
      for (let i = 0; i < rounds; i++) {
        context.log(`handler-cost: round ${i + 1}/${rounds}`);
        // Alternate which goes first, so drift in machine load lands on both alike.
        const order = i % 2 === 0 ? [false, true] : [true, false];
        for (const viaHandler of order) {
          (globalThis as { gc?: () => void }).gc?.();
          const t = await timeOne(viaHandler ? pair.through : pair.direct, pair.total);
          const into = viaHandler ? through : direct;
          into.first.push(t.first);
          into.last.push(t.last);
        }
      }
    } finally {
      pair.close();
    }
    const directFirst = median(direct.first);
    return {
      title: 'Route handler cost (@lunos-image/core/server)',
      unit: 'ms',
      method: `16 MiB image SSE stream (64 KiB writes) from a node:http upstream on 127.0.0.1 (a process of its own), fetched directly and through createLunosImageHandler + toNodeListener, alternating, median of ${rounds}; bars: last byte ≤ 1.10x direct, first byte ≤ direct + 5 ms`,
      cases: [
        {
          name: 'time to last byte, 16 MiB image',
          ours: median(through.last),
          peers: [{ name: 'direct from the upstream', value: median(direct.last), maxRatio: 1.1 }],
          note: `spread: through ${spread(through.last)}, direct ${spread(direct.last)}`,
        },
        {
          name: 'time to first byte, 16 MiB image',
          ours: median(through.first),
          peers: [{ name: 'direct from the upstream', value: directFirst }],
          limit: {
            value: directFirst + 5,
            label: `≤ direct + 5 ms = ${(directFirst + 5).toFixed(1)} ms`,
          },
          note: `spread: through ${spread(through.first)}, direct ${spread(direct.first)}`,
        },
      ],
    };
  },
};
