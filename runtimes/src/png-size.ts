const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A PNG's pixel size from its header chunk; throws when the bytes are not a whole PNG (no
 * signature, a first chunk that is not a 13-byte IHDR, no IEND chunk at the end).
 */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (!SIGNATURE.every((byte, i) => bytes[i] === byte)) throw new Error('no PNG signature');
  const [length, type] = [bytes.readUInt32BE(8), bytes.toString('latin1', 12, 16)];
  if (type !== 'IHDR' || length !== 13)
    throw new Error(`the first chunk is ${type} (${length} bytes)`);
  if (bytes.toString('latin1', bytes.length - 8, bytes.length - 4) !== 'IEND') {
    throw new Error('the PNG does not end with IEND (cut short?)');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
