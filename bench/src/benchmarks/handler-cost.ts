import type { Benchmark } from '../harness/benchmark';
import { spread } from '../harness/spread';
import { startProxies, timeOne } from '../inputs/handler-pair';

const MiB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * What the route handler costs: the 16 MiB image stream fetched through the handler (mounted
 * with toNodeListener on node:http, in a process of its own as a server runs apart from its
 * browsers) against the same stream fetched from the upstream directly and through a bare
 * node:http pipe proxy (what any extra hop costs on this machine), rotating in one run; and the
 * same generation through the handler with jobs on (memoryJobStore, the image as a URL) against
 * the handler without.
 */
export const handlerCostBenchmark: Benchmark = {
  id: 'handler-cost',
  async run(context) {
    const rounds = Math.max(5, Math.round(21 * context.effort));
    const proxies = await startProxies(16 * MiB);
    const paths = ['direct', 'through', 'jobs', 'pipe'] as const;
    const times = Object.fromEntries(
      paths.map((path) => [path, { first: [] as number[], last: [] as number[] }]),
    ) as Record<(typeof paths)[number], { first: number[]; last: number[] }>;
    const { direct, through, jobs, pipe } = times;
    // A job stream carries the image as a URL: it is checked by its end, not its length.
    const total = (path: (typeof paths)[number]) => (path === 'jobs' ? 'job' : proxies.total);
    try {
      for (let i = 0; i < 3; i++) {
        for (const path of paths) await timeOne(proxies[path], total(path));
      }
      for (let i = 0; i < rounds; i++) {
        context.log(`handler-cost: round ${i + 1}/${rounds}`);
        // Rotate which goes first, so drift in machine load lands on all alike.
        for (let k = 0; k < paths.length; k++) {
          const path = paths[(i + k) % paths.length]!;
          (globalThis as { gc?: () => void }).gc?.();
          const t = await timeOne(proxies[path], total(path));
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
      method: `16 MiB image SSE stream (64 KiB writes) from a node:http upstream on 127.0.0.1, fetched directly, through createLunosImageHandler + toNodeListener (without and with jobs on memoryJobStore), and through a bare node:http pipe proxy (upstream and each proxy a process of its own), rotating, median of ${rounds}; bars: last byte ≤ 1.10x direct, first byte ≤ direct + 5 ms; with jobs: no bar`,
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
        {
          name: 'time to first byte with jobs (memoryJobStore), 16 MiB image',
          ours: median(jobs.first),
          // No bar: the issue sets none for the first byte; the row shows what a job adds.
          peers: [{ name: 'the handler without jobs', value: median(through.first) }],
          note: `the job stream's first byte is its lunos.job event; last byte (the image as a URL, sent once the runner has it whole) ${median(jobs.last).toFixed(1)} ms against ${median(through.last).toFixed(1)} ms; spread: jobs ${spread(jobs.first)}, without ${spread(through.first)}`,
        },
      ],
    };
  },
};
