import { decodeBase64 } from '@lunos-image/core/internal';
import { readStream } from '../util/read-stream';

/** zlib-inflates bytes with the platform's DecompressionStream. */
export async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'));
  return readStream(stream);
}

/**
 * The palette indices of a PNG written by `encodePng` (8-bit palette, one IDAT, filter 0 on every
 * row), as rows of pixels, and its palette (RGB triples): enough to look at what the mock drew,
 * not a general decoder.
 */
export async function decodeMockPng(
  b64: string,
): Promise<{ width: number; height: number; rows: Uint8Array[]; palette: Uint8Array }> {
  const png = decodeBase64(b64);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const idat: Uint8Array[] = [];
  let palette: Uint8Array = new Uint8Array(0);
  for (let at = 8; at < png.byteLength; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'PLTE') palette = png.subarray(at + 8, at + 8 + length);
    at += 12 + length;
  }
  const raw = await inflate(new Uint8Array(idat.flatMap((part) => [...part])));
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y++) {
    if (raw[y * (width + 1)] !== 0) throw new Error(`row ${y} uses filter ${raw[y * (width + 1)]}`);
    rows.push(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)));
  }
  return { width, height, rows, palette };
}

/**
 * The largest block size (of `sizes`) the picture is made of between rows `from` and `to`:
 * within it, a pixel changes from its left or upper neighbour only at multiples of the block.
 * 1 when it is not blocky at any of them.
 */
export function blockSize(
  rows: readonly Uint8Array[],
  from: number,
  to: number,
  sizes: readonly number[],
): number {
  const blocky = (block: number) => {
    for (let y = from; y < to; y++) {
      const row = rows[y]!;
      if (y % block !== 0 && row.some((p, x) => p !== rows[y - 1]![x])) return false;
      for (let x = 1; x < row.length; x++)
        if (x % block !== 0 && row[x] !== row[x - 1]) return false;
    }
    return true;
  };
  return [...sizes].sort((a, b) => b - a).find(blocky) ?? 1;
}
