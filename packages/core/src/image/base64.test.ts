import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64DecodedLength, decodeBase64, decodeBase64Into, encodeBase64 } from './base64';
import { decodeBase64Portable, encodeBase64Portable } from './base64-portable';

const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

// Known vectors from RFC 4648 §10.
const vectors: [string, string][] = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

const invalid = [
  'Zm9v!mFy',
  'Zm9vY',
  'Zm9vYg=',
  'Zg==Zg==',
  'Zm9v Yg==',
  'Zm-v',
  'Zm_v',
  'Zm9ł',
  '====',
];

function portableDecode(base64: string): Uint8Array {
  const out = new Uint8Array(base64DecodedLength(base64));
  decodeBase64Portable(base64, out);
  return out;
}

describe('base64', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(vectors)('encodes and decodes %j as %j', (text, base64) => {
    expect(encodeBase64(bytesOf(text))).toBe(base64);
    expect(encodeBase64Portable(bytesOf(text))).toBe(base64);
    expect(decodeBase64(base64)).toEqual(bytesOf(text));
    expect(portableDecode(base64)).toEqual(bytesOf(text));
  });

  it('accepts missing padding, as data URLs in the wild have it', () => {
    expect(decodeBase64('Zm9vYg')).toEqual(bytesOf('foob'));
    expect(portableDecode('Zm9vYmE')).toEqual(bytesOf('fooba'));
  });

  it('computes the decoded length from the string length alone', () => {
    expect(vectors.map(([, b64]) => base64DecodedLength(b64))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(base64DecodedLength('Zm9vYg')).toBe(4);
    expect(() => base64DecodedLength('Zm9vY')).toThrow(SyntaxError);
    expect(() => base64DecodedLength('Zm9vYg=')).toThrow(SyntaxError);
  });

  it.each(invalid)('rejects %j with a SyntaxError on every decoder', (base64) => {
    expect(() => decodeBase64(base64)).toThrow(SyntaxError);
    expect(() => portableDecode(base64)).toThrow(SyntaxError);
  });

  it('rejects a bad character deep inside a payload longer than one Buffer slice', () => {
    const long = 'QUFB'.repeat(300_000);
    const broken = `${long.slice(0, 1_000_001)}*${long.slice(1_000_002)}`;
    expect(decodeBase64(long).length).toBe(900_000);
    expect(() => decodeBase64(broken)).toThrow(SyntaxError);
    expect(() => portableDecode(broken)).toThrow(/offset 1000001/);
  });

  it('returns a plain Uint8Array owning its whole memory, never a (pooled) Buffer', () => {
    for (const base64 of ['Zm9v', 'QUFB'.repeat(300_000)]) {
      const decoded = decodeBase64(base64);
      expect(Object.getPrototypeOf(decoded)).toBe(Uint8Array.prototype);
      // A view into a shared pool would let decoded.buffer reach other data.
      expect(decoded.byteOffset).toBe(0);
      expect(decoded.buffer.byteLength).toBe(decoded.length);
    }
  });

  it('decodes into the start of a scratch array and returns that part of it', () => {
    const scratch = new Uint8Array(8).fill(0xee);
    const out = decodeBase64Into('Zm9vYmE', scratch);
    expect(out).toEqual(bytesOf('fooba'));
    expect(out.buffer).toBe(scratch.buffer);
    expect(scratch[5]).toBe(0xee);
    expect(() => decodeBase64Into('Zm9vYmFyYmF6', scratch)).toThrow(RangeError);
    expect(() => decodeBase64Into('Zm-v', scratch)).toThrow(SyntaxError);
  });

  it('decodes into a scratch array with native setFromBase64 when the runtime has it', () => {
    const setFromBase64 = vi.fn(function (this: Uint8Array, text: string) {
      this.set([1, 2, 3]);
      return { read: text.length, written: text === 'Zm9v' ? 3 : 2 };
    });
    const proto = Uint8Array.prototype as { setFromBase64?: unknown };
    proto.setFromBase64 = setFromBase64;
    try {
      expect(decodeBase64Into('Zm9v', new Uint8Array(4))).toEqual(Uint8Array.from([1, 2, 3]));
      expect(setFromBase64).toHaveBeenCalledWith('Zm9v');
      // Whitespace skipped by the native decoder shows as fewer bytes written than promised.
      expect(() => decodeBase64Into('Zm9vYg', new Uint8Array(4))).toThrow(/whitespace/);
    } finally {
      delete proto.setFromBase64;
    }
  });

  it('uses native Uint8Array base64 when the runtime has it', () => {
    const fromBase64 = vi.fn(() => Uint8Array.from([1, 2, 3]));
    vi.stubGlobal('Uint8Array', Object.assign(class extends Uint8Array {}, { fromBase64 }));
    expect(decodeBase64('Zm9v')).toEqual(Uint8Array.from([1, 2, 3]));
    expect(fromBase64).toHaveBeenCalledWith('Zm9v');
    // A native decoder that skipped whitespace gives fewer bytes than the length promises.
    expect(() => decodeBase64('Zm9vYmFy')).toThrow(/whitespace/);
  });

  it('falls back to plain JavaScript without Buffer and gets the same bytes', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) & 255);
    const viaBuffer = encodeBase64(bytes);
    vi.stubGlobal('Buffer', undefined);
    expect(encodeBase64(bytes)).toBe(viaBuffer);
    expect(decodeBase64(viaBuffer)).toEqual(bytes);
    expect(() => decodeBase64(`${viaBuffer.slice(0, 100)}%${viaBuffer.slice(101)}`)).toThrow(
      /offset 100/,
    );
  });

  it('round-trips any bytes, including subarrays of a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (bytes, offset) => {
        const host = new Uint8Array(offset + bytes.length + 3);
        host.set(bytes, offset);
        const view = host.subarray(offset, offset + bytes.length);
        const base64 = encodeBase64(view);
        expect(encodeBase64Portable(view)).toBe(base64);
        expect(decodeBase64(base64)).toEqual(bytes);
        expect(portableDecode(base64)).toEqual(bytes);
      }),
    );
  });
});
