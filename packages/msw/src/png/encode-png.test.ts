import { describe, expect, it } from 'vitest';
import { inflate } from '../test-utils/decode-png';
import { encodePng } from './encode-png';

/** Splits a PNG into its chunks, checking each CRC with a straightforward bitwise CRC-32. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < png.byteLength; ) {
    const length = view.getUint32(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    let crc = 0xffffffff;
    for (const byte of typeAndData) {
      crc ^= byte;
      for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    expect((crc ^ 0xffffffff) >>> 0).toBe(view.getUint32(at + 8 + length));
    out.push({
      type: String.fromCharCode(...typeAndData.subarray(0, 4)),
      data: typeAndData.subarray(4),
    });
    at += 12 + length;
  }
  return out;
}

describe('encodePng', () => {
  it('writes a palette PNG whose pixels inflate back to the input', async () => {
    const width = 37;
    const height = 11;
    const pixels = new Uint8Array(width * height).map((_, i) => (i * 7) % 3);
    const palette = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]);
    const png = await encodePng({ width, height, palette, pixels });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    const ihdr = new DataView(parts[0]!.data.buffer, parts[0]!.data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), parts[0]!.data[8], parts[0]!.data[9]]).toEqual([
      width,
      height,
      8,
      3,
    ]);
    expect([...parts[1]!.data]).toEqual([...palette]);
    const raw = await inflate(parts[2]!.data);
    expect(raw.byteLength).toBe((width + 1) * height);
    for (let y = 0; y < height; y++) {
      expect(raw[y * (width + 1)]).toBe(0);
      expect([...raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1))]).toEqual([
        ...pixels.subarray(y * width, (y + 1) * width),
      ]);
    }
  });

  it('rejects sizes, pixel counts and palettes that cannot be a PNG', async () => {
    const palette = new Uint8Array([0, 0, 0]);
    await expect(
      encodePng({ width: 0, height: 1, palette, pixels: new Uint8Array(0) }),
    ).rejects.toThrow(RangeError);
    await expect(
      encodePng({ width: 2, height: 2, palette, pixels: new Uint8Array(3) }),
    ).rejects.toThrow(/4 pixels/);
    await expect(
      encodePng({ width: 1, height: 1, palette: new Uint8Array(4), pixels: new Uint8Array(1) }),
    ).rejects.toThrow(/palette/);
  });
});
