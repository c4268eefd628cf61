import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headOf, joinBytes, sameBytes } from './join-bytes';

const cut = (bytes: Uint8Array, at: number[]) => {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...points, bytes.length].map((end, i) => bytes.subarray(i ? points[i - 1] : 0, end));
};

describe('joinBytes, sameBytes, headOf', () => {
  it('agree with the bytes whole, however they are cut', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.array(fc.nat()),
        fc.array(fc.nat()),
        fc.nat(50),
        (a, b, cutsA, cutsB, length) => {
          const partsA = cut(a, cutsA);
          expect(joinBytes(partsA)).toEqual(a);
          expect(headOf(partsA, length)).toEqual(a.subarray(0, length));
          expect(sameBytes(partsA, cut(a, cutsB))).toBe(true);
          expect(sameBytes(partsA, cut(b, cutsB))).toBe(Buffer.from(a).equals(b));
        },
      ),
    );
  });

  it('hands back a single part as it is', () => {
    const only = Uint8Array.from([1, 2, 3]);
    expect(joinBytes([only])).toBe(only);
  });
});
