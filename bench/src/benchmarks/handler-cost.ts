import type { Benchmark } from '../harness/benchmark';
import { spread } from '../harness/spread';
import { startProxies, timeOne } from '../inputs/handler-pair';

const MiB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * What the route handler costs: the 16 MiB image stream fetched through the handler (mounted
 * with toNodeListener on node:http, in a process of its own as a server runs apart from its
 * browsers) against the same stream fetched from the upstream directly and through a bare
 * node:http pipe proxy (what any extra hop costs on this machine), rotating in one run.
 */
export const handlerCostBenchmark: Benchmark = {
  id: 'handler-cost',
  async run(context) {
    const rounds = Math.max(5, Math.round(21 * context.effort));
    const proxies = await startProxies(16 * MiB);
    const paths = ['direct', 'through', 'pipe'] as const;
    const times = Object.fromEntries(
      paths.map((path) => [path, { first: [] as number[], last: [] as number[] }]),
    ) as Record<(typeof paths)[number], { first: number[]; last: number[] }>;
    const { direct, through, pipe } = times;
    try {
      for (let i = 0; i < 3; i++) {
        for (const path of paths) await timeOne(proxies[path], proxies.total);
      }
      for (let i = 0; i < rounds; i++) {
        context.log(`handler-cost: round ${i + 1}/${rounds}`);
        // Rotate which goes first, so drift in machine load lands on all alike.
        for (let k = 0; k < paths.length; k++) {
          const path = paths[(i + k) % paths.length]!;
          (globalThis as { gc?: () => void }).gc?.();
          const t = await timeOne(proxies[path], proxies.total);
          times[path].first.push(t.first);
          times[path].last.push(t.last);
        }
      }
    } finally {
      proxies.close();
    }
    const directFirst = median(direct.first);
    return {
      title: 'Route handler cost (@lunos-image/core/server)',
      unit: 'ms',
      method: `16 MiB image SSE stream (64 KiB writes) from a node:http upstream on 127.0.0.1, fetched directly, through createLunosImageHandler + toNodeListener, and through a bare node:http pipe proxy (upstream and each proxy a process of its own), rotating, median of ${rounds}; bars: last byte ≤ 1.10x direct, first byte ≤ direct + 5 ms`,
      cases: [
        {
          name: 'time to last byte, 16 MiB image',
          ours: median(through.last),
          peers: [
            { name: 'direct from the upstream', value: median(direct.last), maxRatio: 1.1 },
            { name: 'bare node:http pipe proxy', value: median(pipe.last) },
          ],
          note: `spread: through ${spread(through.last)}, direct ${spread(direct.last)}, pipe ${spread(pipe.last)}`,
        },
        {
          name: 'time to first byte, 16 MiB image',
          ours: median(through.first),
          peers: [
            { name: 'direct from the upstream', value: directFirst },
            { name: 'bare node:http pipe proxy', value: median(pipe.first) },
          ],
          limit: {
            value: directFirst + 5,
            label: `≤ direct + 5 ms = ${(directFirst + 5).toFixed(1)} ms`,
          },
          note: `spread: through ${spread(through.first)}, direct ${spread(direct.first)}, pipe ${spread(pipe.first)}`,
        },
      ],
    };
  },
};
