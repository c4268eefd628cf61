import { oursImagesApiToImage, peerImagesApiToImage } from '../competitors/images-api-to-image';
import {
  eventsourceParserToChunks,
  openaiToChunks,
  openrouterToChunks,
  oursToChunks,
  toImageBytes,
} from '../competitors/sse-decoders';
import {
  type ImageOutput,
  oursCoreStreamToImage,
  oursStreamToImage,
  peerStreamToImage,
  type StreamToImage,
  sseHeaders,
} from '../competitors/stream-to-image';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { type MemoryTask, measureMemory } from '../harness/measure-memory';
import { packageVersion } from '../harness/package-version';
import {
  bodyOf,
  buildImageStream,
  buildImagesApiStream,
  cutIntoReads,
} from '../inputs/openrouter-streams';

const MiB = 1024 * 1024;
const imageByteLength = 16 * MiB;
const readSize = 64 * 1024;
const base64Length = Math.ceil(imageByteLength / 3) * 4;

type Wire = 'chat' | 'images';
const inputs: Record<Wire, { prepare(): Uint8Array[]; prepareSmall(): Uint8Array[] }> = {
  chat: {
    prepare: () => cutIntoReads(buildImageStream(imageByteLength).wire, readSize),
    /** The warm-up input: the same stream with a 256 KiB image. */
    prepareSmall: () => cutIntoReads(buildImageStream(256 * 1024).wire, readSize),
  },
  images: {
    // Three partials of a quarter of the final image, as in stream-to-image.
    prepare: () =>
      cutIntoReads(buildImagesApiStream(imageByteLength, imageByteLength / 4).wire, readSize),
    prepareSmall: () => cutIntoReads(buildImagesApiStream(256 * 1024, 64 * 1024).wire, readSize),
  },
};
const { prepare, prepareSmall } = inputs.chat;

function checkSize(image: Uint8Array | Blob): void {
  const size = image instanceof Blob ? image.size : image.length;
  if (size !== imageByteLength) throw new Error(`decoded ${size} bytes`);
}

/** Ours at the decoder level (issue 4's bar): the SSE parser, JSON, `GeneratedImage#bytes`. */
function decoderTask(): MemoryTask<Uint8Array[]> {
  const decode = toImageBytes(oursToChunks, true);
  return {
    warmUp: () => decode(bodyOf(prepareSmall())),
    prepare,
    async run(reads, sample) {
      const bytes = await decode(bodyOf(reads, sample), sample);
      sample();
      checkSize(bytes);
      return bytes;
    },
  };
}

/** A whole competitor, from a fresh `Response` over the reads to the image. */
function streamTask(
  run: StreamToImage,
  output: ImageOutput,
  wire: Wire = 'chat',
): MemoryTask<Uint8Array[]> {
  const serve = (reads: Uint8Array[], sample?: () => void) => () =>
    new Response(bodyOf(reads, sample), { headers: sseHeaders });
  return {
    warmUp: () => run(serve(inputs[wire].prepareSmall()), output),
    prepare: inputs[wire].prepare,
    async run(reads, sample) {
      const image = await run(serve(reads, sample), output, sample);
      sample();
      checkSize(image);
      return image;
    },
  };
}

const peerDecoders = {
  'eventsource-parser': eventsourceParserToChunks,
  openai: openaiToChunks,
  openrouter: openrouterToChunks,
};
type PeerKey = keyof typeof peerDecoders;
const peerKeys = Object.keys(peerDecoders) as PeerKey[];

/** Run in child processes by `measureMemory`, one per competitor. */
export const imageBytesTasks: Record<string, MemoryTask<Uint8Array[]>> = {
  'ours-decoder': decoderTask(),
  'ours-bytes': streamTask(oursStreamToImage, 'bytes'),
  'ours-blob': streamTask(oursStreamToImage, 'blob'),
  'ours-core-bytes': streamTask(oursCoreStreamToImage, 'bytes'),
  'ours-core-blob': streamTask(oursCoreStreamToImage, 'blob'),
  'ours-images-bytes': streamTask(oursImagesApiToImage, 'bytes', 'images'),
  ...Object.fromEntries(
    peerKeys.flatMap((key) => [
      [`${key}-bytes`, streamTask(peerStreamToImage(peerDecoders[key]), 'bytes')],
      [`${key}-blob`, streamTask(peerStreamToImage(peerDecoders[key]), 'blob')],
      [
        `${key}-images-bytes`,
        streamTask(peerImagesApiToImage(peerDecoders[key]), 'bytes', 'images'),
      ],
    ]),
  ),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/**
 * Peak extra memory from the stream to the image's bytes in a Uint8Array, and to a Blob: ours
 * through the whole client (`streamImage` + `result()` + `bytes()` / `blob()`), and at the
 * decoder level, against each peer's decoder followed by the obvious `Buffer.from(base64,
 * 'base64')` (and `new Blob`). Each competitor runs in its own process.
 */
export const imageBytesMemoryBenchmark: Benchmark = {
  id: 'image-bytes-memory',
  async run(context) {
    const names: Record<PeerKey, string> = {
      'eventsource-parser': `eventsource-parser ${packageVersion('eventsource-parser')} + JSON.parse + Buffer`,
      openai: `openai ${packageVersion('openai')} + Buffer`,
      openrouter: `@openrouter/sdk ${packageVersion('@openrouter/sdk')} + Buffer`,
    };
    const repeats = Math.max(1, Math.round(3 * context.effort));
    const results: Record<string, { peak: number; rss: number }> = {};
    // Rounds over all competitors, so load from other work lands on every one alike.
    const samples: Record<string, { peak: number[]; rss: number[] }> = {};
    for (let i = 0; i < repeats; i++) {
      for (const key of Object.keys(imageBytesTasks)) {
        context.log(`image-bytes-memory: ${key} (${i + 1}/${repeats})`);
        const measured = await measureMemory(import.meta.url, 'imageBytesTasks', key);
        samples[key] ??= { peak: [], rss: [] };
        samples[key].peak.push(measured.peakBytes / MiB);
        samples[key].rss.push(measured.rssGrowthBytes / MiB);
      }
    }
    for (const [key, value] of Object.entries(samples)) {
      results[key] = { peak: median(value.peak), rss: median(value.rss) };
    }
    const base64MiB = base64Length / MiB;
    const limitOf = (times: number) => ({
      value: times * base64MiB,
      label: `≤ ${times}x base64 = ${(times * base64MiB).toFixed(1)} MiB`,
    });
    const row = (
      name: string,
      ours: string,
      output: 'bytes' | 'blob' | 'images-bytes',
      belowPeers: boolean,
      times: number,
    ): CaseResult => ({
      name,
      ours: results[ours]!.peak,
      peers: peerKeys.map((key) => ({
        name: names[key],
        value: results[`${key}-${output}`]!.peak,
        ...(belowPeers && { maxRatio: 1 }),
      })),
      limit: limitOf(times),
      note: `peak RSS growth: ours ${results[ours]!.rss.toFixed(0)} MiB, ${peerKeys
        .map((key) => `${key} ${results[`${key}-${output}`]!.rss.toFixed(0)} MiB`)
        .join(', ')}`,
    });
    const image = `16 MiB image (${base64MiB.toFixed(1)} MiB base64)`;
    return {
      title: 'Peak extra memory, stream to image bytes / Blob',
      unit: 'MiB',
      method: `64 KiB reads; heapUsed + external (or ArrayBuffers, which include Blob stores, when larger) sampled at every read and step, each competitor in its own process after one run on a 256 KiB image (so compiling and set-up are not counted), median of ${repeats}; peers: decoder + Buffer.from (+ new Blob); bars: to bytes ≤ 2x base64 (the string path of the core decoder: 3x), to a Blob ≤ 3x, and ours below every peer`,
      cases: [
        row(
          `${image} to Uint8Array, core string path (createSseParser + GeneratedImage.fromUrl)`,
          'ours-decoder',
          'bytes',
          false,
          3,
        ),
        row(
          `${image} to Uint8Array, client (streamImage + bytes())`,
          'ours-bytes',
          'bytes',
          true,
          2,
        ),
        row(`${image} to Blob, client (streamImage + blob())`, 'ours-blob', 'blob', true, 3),
        row(
          `${image} to Uint8Array, core byte path (createSseParser imageBytes + events + bytes())`,
          'ours-core-bytes',
          'bytes',
          true,
          2,
        ),
        row(
          `${image} to Blob, core byte path (createSseParser imageBytes + events + blob())`,
          'ours-core-blob',
          'blob',
          true,
          3,
        ),
        row(
          `Images API, 3 partials + ${image} to Uint8Array, core byte path`,
          'ours-images-bytes',
          'images-bytes',
          true,
          2,
        ),
      ],
    };
  },
};
