import { deepStrictEqual } from 'node:assert';
import { type SseDecoderPeerKey, sseDecoderPeers } from '../competitors/sse-decoder-peers';
import {
  oursImageBytesToChunks,
  oursIterableToChunks,
  oursToChunks,
} from '../competitors/sse-decoders';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { measureSpeed } from '../harness/measure-speed';
import { spread } from '../harness/spread';
import {
  bodyOf,
  buildImageStream,
  buildTextDeltaStream,
  cutIntoReads,
} from '../inputs/openrouter-streams';

const MiB = 1024 * 1024;
const KiB = 1024;

interface DecodeCase {
  name: string;
  wire: () => Uint8Array;
  readSize: number;
  /** Largest ours/peer ratio per peer key. */
  bars: Partial<Record<PeerKey, number>>;
  /** Runs a sample for a case of a few milliseconds (see `SpeedOptions.runsPerSample`). */
  runsPerSample?: number;
}

type PeerKey = SseDecoderPeerKey;

const imageBars = { 'eventsource-parser': 0.75, openai: 0.35 };

let image16: Uint8Array | undefined;
const sixteenMiB = () => {
  image16 ??= buildImageStream(16 * MiB).wire;
  return image16;
};

const cases: DecodeCase[] = [
  { name: '16 MiB image, 64 KiB reads', wire: sixteenMiB, readSize: 64 * KiB, bars: imageBars },
  { name: '16 MiB image, 4 KiB reads', wire: sixteenMiB, readSize: 4 * KiB, bars: imageBars },
  { name: '16 MiB image, 1 KiB reads', wire: sixteenMiB, readSize: KiB, bars: imageBars },
  {
    name: '1.5 MiB image, 1 KiB reads',
    wire: () => buildImageStream(1.5 * MiB).wire,
    readSize: KiB,
    bars: imageBars,
    runsPerSample: 8,
  },
  {
    name: '50,000 text deltas, 4 KiB reads',
    wire: () => buildTextDeltaStream(50_000),
    readSize: 4 * KiB,
    bars: { 'eventsource-parser': 1.0 },
  },
];

/** The peers declare node >= 22; say that they were checked to work on an older Node. */
function nodeNote(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return '';
  return `; eventsource-parser 4 and openai 7 declare node >= 22 but run on Node ${process.versions.node}: every case first checks that all competitors return the same chunks`;
}

/**
 * SSE decode to parsed chunk objects: the bytes of an OpenRouter stream, read by read, to the
 * `JSON.parse`d chunks, for ours (`createSseParser` + `parseEventJson`, as the client uses them;
 * `decodeSse` is timed too and printed in the note) and three peers.
 */
export const sseDecodeBenchmark: Benchmark = {
  id: 'sse-decode',
  async run(context) {
    const peers = sseDecoderPeers();
    const rows: CaseResult[] = [];
    let rounds = 0;
    for (const decodeCase of cases) {
      if (context.caseFilter && !decodeCase.name.includes(context.caseFilter)) continue;
      const reads = cutIntoReads(decodeCase.wire(), decodeCase.readSize);
      // Same chunks from everyone before anyone is timed.
      const expected = await oursToChunks(bodyOf(reads));
      deepStrictEqual(await oursIterableToChunks(bodyOf(reads)), expected);
      deepStrictEqual((await oursImageBytesToChunks(bodyOf(reads))).length, expected.length);
      for (const peer of peers) deepStrictEqual(await peer.toChunks(bodyOf(reads)), expected);
      context.log(`sse-decode: ${decodeCase.name}`);
      const results = await measureSpeed(
        reads,
        [
          { name: 'ours', run: (input) => oursToChunks(bodyOf(input)) },
          { name: 'ours (decodeSse)', run: (input) => oursIterableToChunks(bodyOf(input)) },
          { name: 'ours (imageBytes)', run: (input) => oursImageBytesToChunks(bodyOf(input)) },
          ...peers.map((peer) => ({
            name: peer.key,
            run: (input: Uint8Array[]) => peer.toChunks(bodyOf(input)),
          })),
        ],
        {
          warmup: 3,
          minRounds: Math.max(5, Math.round(15 * context.effort)),
          maxRounds: Math.max(5, Math.round(61 * context.effort)),
          budgetMs: 45_000 * context.effort,
          runsPerSample: decodeCase.runsPerSample,
        },
      );
      const [ours, oursIterable, oursImageBytes, ...others] = results;
      rounds = ours!.samples.length;
      rows.push({
        name: decodeCase.name,
        ours: ours!.medianMs,
        peers: others.map((result, index) => ({
          name: peers[index]!.name,
          value: result.medianMs,
          maxRatio: decodeCase.bars[peers[index]!.key],
        })),
        note: `${rounds} rounds${decodeCase.runsPerSample ? ` of ${decodeCase.runsPerSample} runs each (times per run)` : ''}; ours ${spread(ours!.samples)} ms (decodeSse: median ${oursIterable!.medianMs.toFixed(1)} ms; imageBytes: median ${oursImageBytes!.medianMs.toFixed(1)} ms), ${others
          .map((result, index) => `${peers[index]!.key} ${spread(result.samples)} ms`)
          .join(', ')}`,
      });
    }
    return {
      title: 'SSE decode to parsed chunks',
      unit: 'ms',
      method: `median of interleaved rounds (a full GC before each round), same reads for all${nodeNote()}`,
      cases: rows,
    };
  },
};
