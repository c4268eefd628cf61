import type { MemoryResult, MemoryTask } from './measure-memory';

/** Child side of `measureMemory`: prepares the input, settles the heap, runs, prints JSON. */
const [moduleUrl, exportName, taskName] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-child needs --expose-gc');

const tasks = (await import(moduleUrl))[exportName] as Record<string, MemoryTask<unknown>>;
const task = tasks[taskName];
if (!task) throw new Error(`no memory task ${taskName}`);

const input = task.prepare();
const used = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};
for (let i = 0; i < 3; i++) gc();
const baseline = used();
const baselineRss = process.memoryUsage.rss();
let peak = baseline;
const sample = () => {
  const now = used();
  if (now > peak) peak = now;
};
const result = await task.run(input, sample);
sample();
const maxRss = process.resourceUsage().maxRSS * 1024;
const measured: MemoryResult = {
  peakBytes: peak - baseline,
  rssGrowthBytes: Math.max(0, maxRss - baselineRss),
};
// Keep the result alive up to here: it is part of what was measured.
if (result === undefined) throw new Error('memory task returned nothing');
process.stdout.write(JSON.stringify(measured));
