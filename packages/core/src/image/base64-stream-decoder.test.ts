import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';
import { Base64StreamDecoder } from './base64-stream-decoder';
import { joinBytes } from './join-bytes';

const finish = (decoder: Base64StreamDecoder) => {
  const parts = decoder.finish();
  return parts && joinBytes(parts);
};

/** Feeds `text` cut at `cuts`; returns the decoder and whether every piece was taken. */
function feed(text: string, cuts: number[]): { decoder: Base64StreamDecoder; taken: string } {
  const decoder = new Base64StreamDecoder();
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  let taken = '';
  for (const to of [...points, text.length]) {
    // Pieces are handed over inside a longer string, as the parser hands over a read.
    const read = `x${text.slice(from, to)}"y`;
    if (!decoder.write(read, 1, read.length - 2)) return { decoder, taken };
    taken += text.slice(from, to);
    from = to;
  }
  return { decoder, taken };
}

function noise(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 2654435761) >>> 24);
}

describe('Base64StreamDecoder', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('decodes any canonical payload cut anywhere to the bytes decodeBase64 gives', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat()), (bytes, cuts) => {
        const text = encodeBase64(bytes);
        const { decoder, taken } = feed(text, cuts);
        expect(taken).toBe(text);
        expect(finish(decoder)).toEqual(decodeBase64(text));
      }),
    );
  });

  it('gives back exactly the text it took, at any point, and after refusing a piece', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 120 }),
        fc.array(fc.nat()),
        fc.nat(),
        fc.constantFrom('*', '-', '_', ' ', '\n', '\\', 'é', '😀', '=A', 'ł'),
        (bytes, cuts, at, insert) => {
          const clean = encodeBase64(bytes);
          const where = at % (clean.length + 1);
          const text = clean.slice(0, where) + insert + clean.slice(where);
          const { decoder, taken } = feed(text, cuts);
          expect(decoder.text()).toBe(taken);
          // Taken whole only while it could still end well: it cannot, so no bytes.
          if (taken === text) expect(finish(feed(text, cuts).decoder)).toBeUndefined();
        },
      ),
    );
  });

  it('crosses its 768 KiB blocks, and undoes a refused piece that spanned two of them', () => {
    const bytes = noise(3 * 1024 * 1024 + 2);
    const text = encodeBase64(bytes);
    const decoder = new Base64StreamDecoder();
    const piece = 700_001;
    let at = 0;
    for (; at + piece < 2_000_000; at += piece) {
      expect(decoder.write(text, at, at + piece)).toBe(true);
    }
    const broken = `${text.slice(at, at + 500_000)}*`;
    expect(decoder.write(broken, 0, broken.length)).toBe(false);
    expect(decoder.write(text, at, text.length)).toBe(true);
    expect(Buffer.from(finish(decoder)!).equals(bytes)).toBe(true);

    const again = new Base64StreamDecoder();
    expect(again.write(text, 0, 1_500_000)).toBe(true);
    expect(again.write(broken, 0, broken.length)).toBe(false);
    expect(again.text()).toBe(text.slice(0, 1_500_000));
  });

  it.each([
    ['no padding', 'Zm9vYg'],
    ['bits set after the last byte', 'Zm9vYh=='],
    ['a lone last character', 'Zm9vY'],
    ['a padded group that is not one', 'Zm9vY==='],
    ['padding in the wrong place', 'Zm9vY=g='],
  ])('ends without bytes on %s, which the string path decides about', (_, text) => {
    const { decoder, taken } = feed(text, [3]);
    expect(taken).toBe(text);
    expect(finish(decoder)).toBeUndefined();
  });

  it('refuses anything after padding', () => {
    expect(feed('Zm9vYg==Zm9v', [8]).taken).toBe('Zm9vYg==');
    expect(feed('Zm9vYg==Zm9v', []).taken).toBe('');
    expect(finish(feed('Zg==', [1, 2, 3]).decoder)).toEqual(Uint8Array.from([0x66]));
  });

  it('hands out its blocks as parts, each owning exactly its bytes', () => {
    const bytes = noise(2_000_000);
    const { decoder } = feed(encodeBase64(bytes), [17, 400, 1_000_001]);
    const parts = decoder.finish()!;
    expect(parts.map((part) => part.length)).toEqual([196_608, 393_216, 786_432, 623_744]);
    for (const part of parts) {
      expect(part.byteOffset).toBe(0);
      expect(part.buffer.byteLength).toBe(part.length);
    }
    expect(Buffer.from(joinBytes(parts)).equals(bytes)).toBe(true);
    expect(feed('Zm9vYg==', []).decoder.finish()).toEqual([Uint8Array.from([102, 111, 111, 98])]);
    expect(new Base64StreamDecoder().finish()).toEqual([new Uint8Array(0)]);
  });

  it('works the same in plain JavaScript, without Buffer', () => {
    vi.stubGlobal('Buffer', undefined);
    const bytes = noise(100_000);
    const text = encodeBase64(bytes);
    const { decoder, taken } = feed(text, [1, 5000, 5001, 77_777]);
    expect(taken).toBe(text);
    expect(finish(decoder)).toEqual(bytes);
    expect(feed(`${text.slice(0, 999)}-${text.slice(1000)}`, [500]).taken).toBe(text.slice(0, 500));
  });
});
