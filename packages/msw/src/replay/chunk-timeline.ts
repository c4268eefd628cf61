import { MockOptionsError } from '../errors/mock-options-error';
import { concatBytes } from '../util/read-stream';
import { seededRandom } from '../util/seeded-random';
import { type Chunking, chunkingSchema } from './chunking-schema';

/** Bytes due at `at` ms after the headers. */
export interface TimedBytes {
  at: number;
  bytes: Uint8Array;
}

function modeCuts(total: Uint8Array, ends: readonly number[], chunking: Chunking): number[] {
  if (typeof chunking === 'function') {
    const cuts: number[] = [];
    let offset = 0;
    for (const piece of chunking(total)) {
      offset += piece.byteLength;
      cuts.push(offset);
    }
    if (offset !== total.byteLength) {
      throw new MockOptionsError(
        'chunking',
        `the chunking function returned ${offset} of ${total.byteLength} bytes`,
      );
    }
    return cuts;
  }
  const parsed = chunkingSchema.safeParse(chunking);
  if (!parsed.success)
    throw new MockOptionsError('chunking', parsed.error.issues[0]?.message ?? 'invalid');
  const spec = parsed.data;
  if (spec === 'event') return [...ends];
  if (spec === 'single') return [];
  if ('bytes' in spec) {
    const cuts: number[] = [];
    for (let p = spec.bytes; p < total.byteLength; p += spec.bytes) cuts.push(p);
    return cuts;
  }
  if ('random' in spec) {
    const { min, max, seed } = spec.random;
    if (max < min) throw new MockOptionsError('chunking.random', 'max must be >= min');
    const rand = seededRandom(seed);
    const cuts: number[] = [];
    for (let p = 0; ; ) {
      p += min + Math.floor(rand() * (max - min + 1));
      if (p >= total.byteLength) break;
      cuts.push(p);
    }
    return cuts;
  }
  if ('coalesce' in spec) return ends.filter((_, i) => (i + 1) % spec.coalesce === 0);
  const cuts = [...ends];
  if ('splitMultibyte' in spec) {
    // Cut right after the lead byte of every multi-byte character.
    total.forEach((b, p) => {
      if (b >= 0xc0) cuts.push(p + 1);
    });
  } else {
    // Cut between the two bytes of every CRLF and of every blank-line delimiter.
    for (let p = 0; p + 1 < total.byteLength; p++) {
      const a = total[p];
      const b = total[p + 1];
      if ((a === 0x0d || a === 0x0a) && (b === 0x0a || b === 0x0d)) cuts.push(p + 1);
    }
  }
  return cuts;
}

/**
 * Cuts timed segments (one per event) into network chunks. A chunk is due when its last byte's
 * event is due; boundaries between segments due at different times are always kept.
 */
export function chunkTimeline(segments: readonly TimedBytes[], chunking: Chunking): TimedBytes[] {
  const parts = segments.filter((s) => s.bytes.byteLength > 0);
  if (parts.length === 0) return [];
  const total = concatBytes(parts.map((s) => s.bytes));
  const ends: number[] = [];
  let offset = 0;
  for (const s of parts) {
    offset += s.bytes.byteLength;
    ends.push(offset);
  }
  const cuts = new Set(modeCuts(total, ends, chunking));
  parts.forEach((s, i) => {
    const next = parts[i + 1];
    if (!next || next.at !== s.at) cuts.add(ends[i]!);
  });
  const sorted = [...cuts].filter((c) => c > 0 && c <= total.byteLength).sort((a, b) => a - b);
  if (sorted[sorted.length - 1] !== total.byteLength) sorted.push(total.byteLength);
  const chunks: TimedBytes[] = [];
  let start = 0;
  let segment = 0;
  for (const cut of sorted) {
    while (ends[segment]! < cut) segment++;
    chunks.push({ at: parts[segment]!.at, bytes: total.subarray(start, cut) });
    start = cut;
  }
  return chunks;
}
