import { deepStrictEqual } from 'node:assert';
import { oursImagesApiToImage, peerImagesApiToImage } from '../competitors/images-api-to-image';
import { sseDecoderPeers } from '../competitors/sse-decoder-peers';
import {
  floorDecode,
  type ImageOutput,
  oursCoreStreamToImage,
  oursStreamToImage,
  peerStreamToImage,
  type Serve,
  type StreamToImage,
  sseHeaders,
} from '../competitors/stream-to-image';
import type { Benchmark, CaseResult, PeerResult } from '../harness/benchmark';
import { measureSpeed, type SpeedResult } from '../harness/measure-speed';
import { spread } from '../harness/spread';
import {
  bodyOf,
  buildImageStream,
  buildImagesApiStream,
  cutIntoReads,
} from '../inputs/openrouter-streams';

const MiB = 1024 * 1024;
const KiB = 1024;
/** Ours at most this times each peer (so at most this times the fastest). */
const bar = 0.45;
/** Ours at most the floor: below what any string-based parser must spend before decoding. */
const floorBar = 1;

type Wire = 'chat' | 'images';

interface ImageCase {
  name: string;
  wire: Wire;
  readSize: number;
  output: ImageOutput;
}

// Node's fetch hands out 64 KiB reads over plain HTTP and 16 KiB reads (one TLS record each)
// over HTTPS, i.e. on every real API call (measured: 22 MB from a local server, 390 reads over
// http, 1426 over https).
const cases: ImageCase[] = [
  {
    name: '16 MiB image to Uint8Array, 64 KiB reads',
    wire: 'chat',
    readSize: 64 * KiB,
    output: 'bytes',
  },
  {
    name: '16 MiB image to Uint8Array, 16 KiB reads',
    wire: 'chat',
    readSize: 16 * KiB,
    output: 'bytes',
  },
  { name: '16 MiB image to Blob, 64 KiB reads', wire: 'chat', readSize: 64 * KiB, output: 'blob' },
  { name: '16 MiB image to Blob, 16 KiB reads', wire: 'chat', readSize: 16 * KiB, output: 'blob' },
  {
    name: 'Images API, 3 partials + 16 MiB final to Uint8Array, 64 KiB reads',
    wire: 'images',
    readSize: 64 * KiB,
    output: 'bytes',
  },
  {
    name: 'Images API, 3 partials + 16 MiB final to Uint8Array, 16 KiB reads',
    wire: 'images',
    readSize: 16 * KiB,
    output: 'bytes',
  },
];

/** Bytes of each partial image of the Images API stream: a quarter of the final one. */
const partialByteLength = 4 * MiB;

const wires: Record<Wire, () => Uint8Array> = {
  chat: () => buildImageStream(16 * MiB).wire,
  images: () => buildImagesApiStream(16 * MiB, partialByteLength).wire,
};

/** What is compared before timing: the same bytes (and type) from everyone. */
async function contentOf(image: Uint8Array | Blob): Promise<{ type: string; bytes: Buffer }> {
  if (image instanceof Blob) {
    return { type: image.type, bytes: Buffer.from(await image.arrayBuffer()) };
  }
  return { type: 'bytes', bytes: Buffer.from(image.buffer, image.byteOffset, image.byteLength) };
}

interface Contestant {
  key: string;
  run: StreamToImage;
}

/** Who runs on a wire: ours (through the client where there is one, and on the byte path), the peers. */
function contestants(wire: Wire) {
  const peers = sseDecoderPeers();
  const toImage = wire === 'chat' ? peerStreamToImage : peerImagesApiToImage;
  const ours: Contestant[] =
    wire === 'chat'
      ? [
          { key: 'client', run: oursStreamToImage },
          { key: 'core', run: oursCoreStreamToImage },
        ]
      : [{ key: 'core', run: oursImagesApiToImage }];
  return {
    ours,
    peers: peers.map((peer) => ({ ...peer, run: toImage(peer.toChunks) })),
  };
}

const oursLabels: Record<string, string> = {
  client: 'client (streamImage + result())',
  core: 'core byte path (createSseParser imageBytes + events)',
};

/**
 * From a streamed response to the image's bytes or a Blob: ours through the whole client
 * (`streamImage` + `result()` + `bytes()`/`blob()`) and on the byte path without the client
 * (what the client runs once it passes `imageBytes: true`), against each peer's SSE decoder plus
 * the obvious base64 decode, and against the floor (one `TextDecoder` pass + `JSON.parse`, no
 * base64 decode at all). Every competitor is given the same `Response` over the same reads.
 */
export const streamToImageBenchmark: Benchmark = {
  id: 'stream-to-image',
  async run(context) {
    const rows: CaseResult[] = [];
    const built = new Map<Wire, Uint8Array>();
    for (const imageCase of cases) {
      if (context.caseFilter && !imageCase.name.includes(context.caseFilter)) continue;
      let wire = built.get(imageCase.wire);
      if (!wire) {
        built.clear();
        wire = wires[imageCase.wire]();
        built.set(imageCase.wire, wire);
      }
      const reads = cutIntoReads(wire, imageCase.readSize);
      const serve: Serve = () => new Response(bodyOf(reads), { headers: sseHeaders });
      const { ours, peers } = contestants(imageCase.wire);
      const expected = await contentOf(await peers[0]!.run(serve, imageCase.output));
      for (const competitor of [...ours, ...peers]) {
        deepStrictEqual(await contentOf(await competitor.run(serve, imageCase.output)), expected);
      }
      context.log(`stream-to-image: ${imageCase.name}`);
      const results = await measureSpeed(
        imageCase.output,
        [
          ...ours.map((one) => ({
            name: one.key,
            run: (output: ImageOutput) => one.run(serve, output),
          })),
          ...peers.map((peer) => ({
            name: peer.key,
            run: (output: ImageOutput) => peer.run(serve, output),
          })),
          { name: 'floor', run: () => floorDecode(serve) },
        ],
        {
          warmup: 3,
          minRounds: Math.max(5, Math.round(15 * context.effort)),
          maxRounds: Math.max(5, Math.round(41 * context.effort)),
          budgetMs: 20_000 * context.effort,
        },
      );
      const byName = new Map(results.map((result) => [result.name, result]));
      const others: PeerResult[] = [
        ...peers.map((peer) => ({
          name: peer.name,
          value: byName.get(peer.key)!.medianMs,
          maxRatio: bar,
        })),
        {
          name: 'floor: TextDecoder + JSON.parse',
          value: byName.get('floor')!.medianMs,
          maxRatio: floorBar,
        },
      ];
      const spreads = (list: SpeedResult[]) =>
        list.map((result) => `${result.name} ${spread(result.samples)} ms`).join(', ');
      for (const one of ours) {
        const result = byName.get(one.key)!;
        rows.push({
          name: `${imageCase.name}, ${oursLabels[one.key]}`,
          ours: result.medianMs,
          peers: others,
          note: `${result.samples.length} rounds; ${spreads(results)}`,
        });
      }
    }
    return {
      title: 'Stream to image bytes / Blob',
      unit: 'ms',
      method: `median of interleaved rounds (a full GC before each round); ours through the client, and on the byte path without it; each peer its decoder + Buffer.from(base64) (+ new Blob); the floor one TextDecoder pass + JSON.parse of the same bytes; bars: at most ${bar}x every peer and at most the floor`,
      cases: rows,
    };
  },
};
