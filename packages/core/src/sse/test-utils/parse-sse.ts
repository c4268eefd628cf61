import { createSseParser, type SseParserOptions } from '../create-sse-parser';
import { eventDataText } from '../event-data-text';
import type { SseItem } from '../sse-item';

/** The two ways the parser reads a stream; every conformance test runs on both. */
export const parserPaths = [
  { path: 'string path', options: {} },
  // From the first byte of a data line on, so that short test lines take the byte path.
  { path: 'byte path', options: { imageBytes: true, imageBytesMinLength: 0 } },
] as const satisfies readonly { path: string; options: SseParserOptions }[];

/** Items as the server sent them: images put back into `data`, `images` dropped. */
export function asSent(items: readonly SseItem[]): SseItem[] {
  return items.map((item) => {
    if (item.type !== 'event' || item.images === undefined) return item;
    return { type: 'event', event: item.event, data: eventDataText(item), id: item.id };
  });
}

/** Feeds `chunks` to a fresh parser, ends it, and returns every item. */
export function parseRaw(
  chunks: readonly (Uint8Array | string)[],
  options?: SseParserOptions,
): SseItem[] {
  const items: SseItem[] = [];
  const parser = createSseParser((item) => items.push(item), options);
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return items;
}

/** `parseRaw`, with images put back: what either path must agree on. */
export function parse(
  chunks: readonly (Uint8Array | string)[],
  options?: SseParserOptions,
): SseItem[] {
  return asSent(parseRaw(chunks, options));
}

/** `bytes` cut at each of `positions` (taken modulo its length + 1), in order. */
export function cutAt(bytes: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** For every cut position, the input in two reads cut there. */
export function everyCut<T extends Uint8Array | string>(input: T): [number, T[]][] {
  return Array.from({ length: input.length + 1 }, (_, cut) => [
    cut,
    [input.slice(0, cut) as T, input.slice(cut) as T],
  ]);
}

/** One read per byte. */
export function bytewise(bytes: Uint8Array): Uint8Array[] {
  return Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
}
