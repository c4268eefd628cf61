import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Chunker } from './utf8-chunker';

const encoder = new TextEncoder();

/** What the chunker makes of `pieces`, read by read. */
function decodeAll(pieces: readonly Uint8Array[], chunker = new Utf8Chunker()): string[] {
  return pieces.map((piece) => chunker.decode(piece));
}

/** `bytes` cut at `cuts` (sorted positions within it). */
function cut(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const bounds = [0, ...cuts, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end));
}

/** Each piece of text is whole characters: no replacement character, no lone surrogate (which encoding would replace). */
function whole(text: string): boolean {
  return !text.includes('\uFFFD') && new TextDecoder().decode(encoder.encode(text)) === text;
}

// One-, two-, three- and four-byte characters, ASCII runs between them (both decoders get used).
const text = 'data: é ü €100 😀 ok\n日本語 ab 𝄞\n'.repeat(3);
const bytes = encoder.encode(text);

describe('Utf8Chunker', () => {
  it('gives whole characters for a cut at any byte, two cuts anywhere', () => {
    for (let first = 0; first <= bytes.length; first++) {
      for (let second = first; second <= bytes.length; second += 7) {
        const pieces = decodeAll(cut(bytes, [first, second]));
        expect(pieces.join('')).toBe(text);
        expect(pieces.every(whole)).toBe(true);
      }
    }
  });

  it('gives whole characters one byte per read (a four-byte character over four reads)', () => {
    const pieces = decodeAll(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)));
    expect(pieces.join('')).toBe(text);
    expect(pieces.every(whole)).toBe(true);
    const clef = decodeAll(cut(encoder.encode('𝄞'), [1, 2, 3]));
    expect(clef).toEqual(['', '', '', '𝄞']);
  });

  it('agrees with one TextDecoder on any bytes, invalid UTF-8 included, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (input, positions) => {
          // A last ASCII byte ends whatever character the input leaves open, as the next read would.
          const all = new Uint8Array([...input, 0x41]);
          const cuts = [...new Set(positions.map((p) => p % (all.length + 1)))].sort(
            (a, b) => a - b,
          );
          const expected = new TextDecoder('utf-8', { ignoreBOM: true }).decode(all);
          expect(decodeAll(cut(all, cuts)).join('')).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps a byte-order mark wherever it is (the line reader drops the first one)', () => {
    const bom = encoder.encode('\uFEFFa\uFEFF');
    expect(decodeAll([bom]).join('')).toBe('\uFEFFa\uFEFF');
    expect(decodeAll(cut(bom, [1, 2, 5])).join('')).toBe('\uFEFFa\uFEFF');
  });

  it('holds a cut-off character back until it completes, and reset() drops it', () => {
    const euro = encoder.encode('€');
    const chunker = new Utf8Chunker();
    expect(chunker.decode(euro.subarray(0, 2))).toBe('');
    chunker.reset();
    expect(chunker.decode(encoder.encode('ok'))).toBe('ok');
    // Without reset, the rest of the character completes it.
    expect(decodeAll([euro.subarray(0, 1), euro.subarray(1, 2), euro.subarray(2)])).toEqual([
      '',
      '',
      '€',
    ]);
  });

  it('ends a cut-off character early at a byte that cannot continue it, as TextDecoder does', () => {
    const euro = encoder.encode('€');
    expect(decodeAll([euro.subarray(0, 2), encoder.encode('x')])).toEqual(['', '\uFFFDx']);
  });
});
