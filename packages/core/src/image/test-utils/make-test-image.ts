/**
 * Tiny real images built byte by byte, so tests need no binary fixtures. The PNG and GIF are
 * complete files any viewer opens; the JPEG and WebP builders write valid headers (what the
 * readers under test look at) followed by a minimal body.
 */

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u32be(value: number): number[] {
  return [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
}
function u16be(value: number): number[] {
  return [(value >>> 8) & 255, value & 255];
}
function u16le(value: number): number[] {
  return [value & 255, (value >>> 8) & 255];
}
function u32le(value: number): number[] {
  return [value & 255, (value >>> 8) & 255, (value >>> 16) & 255, (value >>> 24) & 255];
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat(
    Array.from(type, (c) => c.charCodeAt(0)),
    data,
  );
  return concat(u32be(data.length), typeAndData, u32be(crc32(typeAndData)));
}

/** A complete RGB PNG filled with one colour (pixels stored uncompressed in a zlib stream). */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number] = [255, 0, 0],
): Uint8Array {
  const row = [0, ...Array.from({ length: width }, () => rgb).flat()];
  const raw = Uint8Array.from(Array.from({ length: height }, () => row).flat());
  if (raw.length > 0xffff) throw new Error('makePng keeps to one stored deflate block');
  const zlib = concat(
    [0x78, 0x01, 0x01],
    u16le(raw.length),
    u16le(~raw.length & 0xffff),
    raw,
    u32be(adler32(raw)),
  );
  const ihdr = concat(u32be(width), u32be(height), [8, 2, 0, 0, 0]);
  return concat(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

/**
 * A GIF89a: a complete one-pixel image for 1x1, otherwise the header and logical screen only
 * (what the size reader looks at).
 */
export function makeGif(width: number, height: number): Uint8Array {
  const pixels = width * height;
  if (pixels !== 1) {
    return concat(
      Array.from('GIF89a', (c) => c.charCodeAt(0)),
      u16le(width),
      u16le(height),
      [0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x3b],
    );
  }
  return concat(
    Array.from('GIF89a', (c) => c.charCodeAt(0)),
    u16le(width),
    u16le(height),
    [0x80, 0, 0], // global colour table of 2 entries
    [0, 0, 0, 255, 255, 255],
    [0x2c, 0, 0, 0, 0, ...u16le(width), ...u16le(height), 0], // image descriptor
    [0x02, 0x02, 0x44, 0x01, 0x00], // LZW min code size 2, one 2-byte block, terminator
    [0x3b],
  );
}

/**
 * A JPEG header: SOI, a JFIF APP0, an optional padding APP1 of `paddingBytes` (pushes the frame
 * header deep into the file, as EXIF or ICC data does), SOF0 with the size, then EOI.
 */
export function makeJpegHeader(width: number, height: number, paddingBytes = 0): Uint8Array {
  const app0 = [0xff, 0xe0, ...u16be(16), 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const padding: number[] = [];
  let left = paddingBytes;
  while (left > 0) {
    const size = Math.min(left, 65533);
    padding.push(0xff, 0xe1, ...u16be(size + 2), ...new Array<number>(size).fill(0x45));
    left -= size;
  }
  const sof0 = [0xff, 0xc0, ...u16be(11), 8, ...u16be(height), ...u16be(width), 1, 1, 0x11, 0];
  return concat([0xff, 0xd8], app0, padding, sof0, [0xff, 0xd9]);
}

function riff(chunkType: string, chunk: number[]): Uint8Array {
  const body = concat(
    Array.from('WEBP', (c) => c.charCodeAt(0)),
    Array.from(chunkType, (c) => c.charCodeAt(0)),
    u32le(chunk.length),
    chunk,
  );
  return concat(
    Array.from('RIFF', (c) => c.charCodeAt(0)),
    u32le(body.length),
    body,
  );
}

/** A WebP header in one of its three layouts: lossy (`VP8 `), lossless (`VP8L`), extended. */
export function makeWebpHeader(
  width: number,
  height: number,
  layout: 'lossy' | 'lossless' | 'extended',
): Uint8Array {
  if (layout === 'lossy') {
    return riff('VP8 ', [
      0x30,
      0x01,
      0x00,
      0x9d,
      0x01,
      0x2a,
      ...u16le(width),
      ...u16le(height),
      0,
      0,
    ]);
  }
  if (layout === 'lossless') {
    const w = width - 1;
    const h = height - 1;
    return riff('VP8L', [
      0x2f,
      w & 0xff,
      ((w >> 8) & 0x3f) | ((h & 0x03) << 6),
      (h >> 2) & 0xff,
      (h >> 10) & 0x0f,
      0,
      0,
      0,
    ]);
  }
  const w = width - 1;
  const h = height - 1;
  return riff('VP8X', [
    0x10,
    0,
    0,
    0,
    w & 0xff,
    (w >> 8) & 0xff,
    (w >> 16) & 0xff,
    h & 0xff,
    (h >> 8) & 0xff,
    (h >> 16) & 0xff,
  ]);
}
