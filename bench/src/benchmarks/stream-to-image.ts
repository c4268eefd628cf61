import { deepStrictEqual } from 'node:assert';
import { sseDecoderPeers } from '../competitors/sse-decoder-peers';
import {
  type ImageOutput,
  oursStreamToImage,
  peerStreamToImage,
  type Serve,
  sseHeaders,
} from '../competitors/stream-to-image';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { measureSpeed } from '../harness/measure-speed';
import { spread } from '../harness/spread';
import { bodyOf, buildImageStream, cutIntoReads } from '../inputs/openrouter-streams';

const MiB = 1024 * 1024;
const KiB = 1024;
/** Ours at most this times the fastest peer (so at most this times every peer). */
const bar = 0.6;

interface ImageCase {
  name: string;
  readSize: number;
  output: ImageOutput;
}

// Node's fetch hands out 64 KiB reads over plain HTTP and 16 KiB reads (one TLS record each)
// over HTTPS, i.e. on every real API call (measured: 22 MB from a local server, 390 reads over
// http, 1426 over https).
const cases: ImageCase[] = [
  { name: '16 MiB image to Uint8Array, 64 KiB reads', readSize: 64 * KiB, output: 'bytes' },
  { name: '16 MiB image to Uint8Array, 16 KiB reads', readSize: 16 * KiB, output: 'bytes' },
  { name: '16 MiB image to Blob, 64 KiB reads', readSize: 64 * KiB, output: 'blob' },
  { name: '16 MiB image to Blob, 16 KiB reads', readSize: 16 * KiB, output: 'blob' },
];

/** What is compared before timing: the same bytes (and type) from everyone. */
async function contentOf(image: Uint8Array | Blob): Promise<{ type: string; bytes: Buffer }> {
  if (image instanceof Blob) {
    return { type: image.type, bytes: Buffer.from(await image.arrayBuffer()) };
  }
  return { type: 'bytes', bytes: Buffer.from(image.buffer, image.byteOffset, image.byteLength) };
}

/**
 * From a streamed response to the image's bytes or a Blob: ours through the whole client
 * (`streamImage` + `result()` + `bytes()`/`blob()`) against each peer's SSE decoder plus the
 * obvious base64 decode, every competitor given the same `Response` over the same reads.
 */
export const streamToImageBenchmark: Benchmark = {
  id: 'stream-to-image',
  async run(context) {
    const peers = sseDecoderPeers().map((peer) => ({
      ...peer,
      run: peerStreamToImage(peer.toChunks),
    }));
    const wire = buildImageStream(16 * MiB).wire;
    const rows: CaseResult[] = [];
    for (const imageCase of cases) {
      if (context.caseFilter && !imageCase.name.includes(context.caseFilter)) continue;
      const reads = cutIntoReads(wire, imageCase.readSize);
      const serve: Serve = () => new Response(bodyOf(reads), { headers: sseHeaders });
      const expected = await contentOf(await oursStreamToImage(serve, imageCase.output));
      for (const peer of peers) {
        deepStrictEqual(await contentOf(await peer.run(serve, imageCase.output)), expected);
      }
      context.log(`stream-to-image: ${imageCase.name}`);
      const results = await measureSpeed(
        imageCase.output,
        [
          { name: 'ours', run: (output) => oursStreamToImage(serve, output) },
          ...peers.map((peer) => ({
            name: peer.key,
            run: (output: ImageOutput) => peer.run(serve, output),
          })),
        ],
        {
          warmup: 3,
          minRounds: Math.max(5, Math.round(15 * context.effort)),
          maxRounds: Math.max(5, Math.round(41 * context.effort)),
          budgetMs: 20_000 * context.effort,
        },
      );
      const [ours, ...others] = results;
      rows.push({
        name: imageCase.name,
        ours: ours!.medianMs,
        peers: others.map((result, index) => ({
          name: peers[index]!.name,
          value: result.medianMs,
          maxRatio: bar,
        })),
        note: `${ours!.samples.length} rounds; ours ${spread(ours!.samples)} ms, ${others
          .map((result, index) => `${peers[index]!.key} ${spread(result.samples)} ms`)
          .join(', ')}`,
      });
    }
    return {
      title: 'Stream to image bytes / Blob',
      unit: 'ms',
      method: `median of interleaved rounds (a full GC before each round); ours is the whole client, each peer its decoder + Buffer.from(base64) (+ new Blob); bar: at most ${bar}x the fastest peer`,
      cases: rows,
    };
  },
};
