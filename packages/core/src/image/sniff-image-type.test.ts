import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff-image-type';
import { makeGif, makeJpegHeader, makePng, makeWebpHeader } from './test-utils/make-test-image';

describe('sniffImageType', () => {
  it('recognises each supported format by its magic number', () => {
    expect(sniffImageType(makePng(1, 1))).toBe('image/png');
    expect(sniffImageType(makeJpegHeader(1, 1))).toBe('image/jpeg');
    expect(sniffImageType(makeGif(1, 1))).toBe('image/gif');
    expect(sniffImageType(makeWebpHeader(1, 1, 'lossy'))).toBe('image/webp');
  });

  it('accepts GIF87a as well as GIF89a', () => {
    const gif87 = makeGif(1, 1);
    gif87[4] = 0x37;
    expect(sniffImageType(gif87)).toBe('image/gif');
  });

  it('returns undefined for other bytes, truncated magic numbers and near misses', () => {
    const text = new TextEncoder().encode('<html><script>alert(1)</script>');
    expect(sniffImageType(text)).toBeUndefined();
    expect(sniffImageType(new Uint8Array(0))).toBeUndefined();
    expect(sniffImageType(makePng(1, 1).subarray(0, 7))).toBeUndefined();
    const riffWave = makeWebpHeader(1, 1, 'lossy');
    riffWave.set([0x57, 0x41, 0x56, 0x45], 8); // RIFF....WAVE
    expect(sniffImageType(riffWave)).toBeUndefined();
  });
});
