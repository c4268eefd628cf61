import type { ImageMimeType } from './sniff-image-type';

export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * Width and height from the header of a PNG, JPEG, WebP or GIF, or `undefined` when `bytes` is
 * too short or the header is not what `type` promises. Only reads; never decodes pixels.
 */
export function readImageSize(bytes: Uint8Array, type: ImageMimeType): ImageDimensions | undefined {
  switch (type) {
    case 'image/png':
      return readPngSize(bytes);
    case 'image/gif':
      return readGifSize(bytes);
    case 'image/webp':
      return readWebpSize(bytes);
    case 'image/jpeg':
      return readJpegSize(bytes);
  }
}

function u16be(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}
function u16le(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}
function u24le(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
}
function u32be(bytes: Uint8Array, at: number): number {
  return bytes[at]! * 0x1000000 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
}

function positive(width: number, height: number): ImageDimensions | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4). */
function readPngSize(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 24) return undefined;
  // IHDR must be the first chunk.
  if (bytes[12] !== 0x49 || bytes[13] !== 0x48 || bytes[14] !== 0x44 || bytes[15] !== 0x52) {
    return undefined;
  }
  return positive(u32be(bytes, 16), u32be(bytes, 20));
}

/** "GIF89a" then the logical screen width and height, little-endian. */
function readGifSize(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 10) return undefined;
  return positive(u16le(bytes, 6), u16le(bytes, 8));
}

/** RIFF header (12), then the first chunk: VP8X (extended), VP8L (lossless) or "VP8 " (lossy). */
function readWebpSize(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 25) return undefined;
  const fourcc = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (fourcc === 'VP8X') {
    if (bytes.length < 30) return undefined;
    // Canvas width and height minus one, 24-bit little-endian.
    return positive(u24le(bytes, 24) + 1, u24le(bytes, 27) + 1);
  }
  if (fourcc === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined; // lossless signature
    // 14 bits of width - 1, then 14 bits of height - 1, packed little-endian from byte 21.
    const b1 = bytes[21]!;
    const b2 = bytes[22]!;
    const b3 = bytes[23]!;
    const b4 = bytes[24]!;
    const width = 1 + (((b2 & 0x3f) << 8) | b1);
    const height = 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6));
    return positive(width, height);
  }
  if (fourcc === 'VP8 ') {
    // Frame tag (3 bytes) then the start code 9d 01 2a, then 14-bit width and height.
    if (bytes.length < 30) return undefined;
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return positive(u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff);
  }
  return undefined;
}

/**
 * Walks the JPEG marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC),
 * whose payload holds precision (1), height (2) and width (2). EXIF and ICC segments before it
 * can be tens of kilobytes, so callers may need more than a fixed-size prefix.
 */
function readJpegSize(bytes: Uint8Array): ImageDimensions | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Standalone markers without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    // Start of scan or end of image before any frame header: nothing to find.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const segmentLength = u16be(bytes, at + 2);
    if (segmentLength < 2) return undefined;
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (at + 9 > bytes.length) return undefined;
      return positive(u16be(bytes, at + 7), u16be(bytes, at + 5));
    }
    at += 2 + segmentLength;
  }
  return undefined;
}
