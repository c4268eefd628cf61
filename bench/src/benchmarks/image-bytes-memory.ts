import {
  eventsourceParserToChunks,
  openaiToChunks,
  openrouterToChunks,
  oursToChunks,
  toImageBytes,
} from '../competitors/sse-decoders';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { type MemoryTask, measureMemory } from '../harness/measure-memory';
import { packageVersion } from '../harness/package-version';
import { bodyOf, buildImageStream, cutIntoReads } from '../inputs/openrouter-streams';

const MiB = 1024 * 1024;
const imageByteLength = 16 * MiB;
const readSize = 64 * 1024;
const base64Length = Math.ceil(imageByteLength / 3) * 4;

function task(decode: ReturnType<typeof toImageBytes>): MemoryTask<Uint8Array[]> {
  return {
    prepare: () => cutIntoReads(buildImageStream(imageByteLength).wire, readSize),
    async run(reads, sample) {
      const bytes = await decode(bodyOf(reads, sample), sample);
      sample();
      if (bytes.length !== imageByteLength) throw new Error(`decoded ${bytes.length} bytes`);
      return bytes;
    },
  };
}

/** Run in child processes by `measureMemory`, one per competitor. */
export const imageBytesTasks: Record<string, MemoryTask<Uint8Array[]>> = {
  ours: task(toImageBytes(oursToChunks, true)),
  'eventsource-parser': task(toImageBytes(eventsourceParserToChunks, false)),
  openai: task(toImageBytes(openaiToChunks, false)),
  openrouter: task(toImageBytes(openrouterToChunks, false)),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/**
 * Peak extra memory from the stream to the image's bytes in a Uint8Array: ours
 * (`decodeSse` + `parseEventJson` + `GeneratedImage#bytes`) against each peer's decoder followed
 * by the obvious `Buffer.from(base64, 'base64')`. Each competitor runs in its own process.
 */
export const imageBytesMemoryBenchmark: Benchmark = {
  id: 'image-bytes-memory',
  async run(context) {
    const names: Record<string, string> = {
      'eventsource-parser': `eventsource-parser ${packageVersion('eventsource-parser')} + JSON.parse + Buffer`,
      openai: `openai ${packageVersion('openai')} + Buffer`,
      openrouter: `@openrouter/sdk ${packageVersion('@openrouter/sdk')} + Buffer`,
    };
    const repeats = Math.max(1, Math.round(3 * context.effort));
    const results: Record<string, { peak: number[]; rss: number[] }> = {};
    for (const key of Object.keys(imageBytesTasks)) {
      context.log(`image-bytes-memory: ${key}`);
      results[key] = { peak: [], rss: [] };
      for (let i = 0; i < repeats; i++) {
        const measured = await measureMemory(import.meta.url, 'imageBytesTasks', key);
        results[key].peak.push(measured.peakBytes / MiB);
        results[key].rss.push(measured.rssGrowthBytes / MiB);
      }
    }
    const base64MiB = base64Length / MiB;
    const ours = results.ours!;
    const row: CaseResult = {
      name: `16 MiB image (${base64MiB.toFixed(1)} MiB base64), 64 KiB reads`,
      ours: median(ours.peak),
      peers: Object.entries(names).map(([key, name]) => ({
        name,
        value: median(results[key]!.peak),
      })),
      limit: { value: 3 * base64MiB, label: `≤ 3x base64 = ${(3 * base64MiB).toFixed(1)} MiB` },
      note: `peak RSS growth: ${Object.entries(results)
        .map(([key, value]) => `${key} ${median(value.rss).toFixed(0)} MiB`)
        .join(', ')}`,
    };
    return {
      title: 'Peak extra memory, stream to image bytes',
      unit: 'MiB',
      method: `heapUsed + external sampled at every read and step, each competitor in its own process, median of ${repeats}`,
      cases: [row],
    };
  },
};
