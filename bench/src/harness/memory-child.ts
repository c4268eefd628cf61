import type { MemoryResult, MemoryTask } from './measure-memory';

/**
 * Child side of `measureMemory`: warms up, prepares the input, settles the heap, runs, prints
 * JSON.
 */
const [moduleUrl, exportName, taskName] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-child needs --expose-gc');

const tasks = (await import(moduleUrl))[exportName] as Record<string, MemoryTask<unknown>>;
const task = tasks[taskName];
if (!task) throw new Error(`no memory task ${taskName}`);

// One run on a small input first: compiling the code and its lazy set-up (a few MiB, the same
// for any image) are not what the figure is about, the memory the work itself needs is.
if (task.warmUp) await task.warmUp();
const input = task.prepare();
// `external` normally includes every ArrayBuffer, but Node 20 counts a Blob's copy of its bytes
// only in `arrayBuffers` (measured: a 16 MiB Blob adds 16 MiB there and nothing to `external`),
// so the larger of the two stands for memory outside the JS heap.
const used = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + Math.max(usage.external, usage.arrayBuffers);
};
for (let i = 0; i < 3; i++) gc();
const baseline = used();
const baselineRss = process.memoryUsage.rss();
let peak = baseline;
// The resident set is sampled at the same points: the process's lifetime high-water mark
// (`maxRSS`) would include building the input, which the collection before the baseline undoes.
let peakRss = baselineRss;
const sample = () => {
  const now = used();
  if (now > peak) peak = now;
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};
const result = await task.run(input, sample);
sample();
const measured: MemoryResult = {
  peakBytes: peak - baseline,
  rssGrowthBytes: peakRss - baselineRss,
};
// Keep the result alive up to here: it is part of what was measured.
if (result === undefined) throw new Error('memory task returned nothing');
process.stdout.write(JSON.stringify(measured));
