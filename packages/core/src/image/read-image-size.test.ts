import { describe, expect, it } from 'vitest';
import { readImageSize } from './read-image-size';
import { makeGif, makeJpegHeader, makePng, makeWebpHeader } from './test-utils/make-test-image';

describe('readImageSize', () => {
  it('needs the bytes up to the size field and says undefined before that', () => {
    const png = makePng(7, 5);
    expect(readImageSize(png.subarray(0, 24), 'image/png')).toEqual({ width: 7, height: 5 });
    expect(readImageSize(png.subarray(0, 23), 'image/png')).toBeUndefined();
    expect(readImageSize(makeGif(9, 4).subarray(0, 9), 'image/gif')).toBeUndefined();
    expect(
      readImageSize(makeWebpHeader(9, 4, 'extended').subarray(0, 29), 'image/webp'),
    ).toBeUndefined();
    const jpeg = makeJpegHeader(9, 4, 1000);
    expect(readImageSize(jpeg.subarray(0, 1000), 'image/jpeg')).toBeUndefined();
    expect(readImageSize(jpeg, 'image/jpeg')).toEqual({ width: 9, height: 4 });
  });

  it('skips JPEG fill bytes and standalone markers, and stops at the scan', () => {
    const jpeg = makeJpegHeader(3, 2);
    const withFill = new Uint8Array([0xff, 0xd8, 0xff, 0xff, 0xff, 0xd0, ...jpeg.subarray(2)]);
    expect(readImageSize(withFill, 'image/jpeg')).toEqual({ width: 3, height: 2 });
    const scanFirst = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, ...jpeg.subarray(2)]);
    expect(readImageSize(scanFirst, 'image/jpeg')).toBeUndefined();
  });

  it('treats a zero width or height as no size', () => {
    expect(readImageSize(makePng(0, 5), 'image/png')).toBeUndefined();
    expect(readImageSize(makeGif(5, 0), 'image/gif')).toBeUndefined();
  });

  it('rejects WebP chunks it does not know and lossy data without the start code', () => {
    const lossy = makeWebpHeader(10, 10, 'lossy');
    lossy[23] = 0;
    expect(readImageSize(lossy, 'image/webp')).toBeUndefined();
    const unknown = makeWebpHeader(10, 10, 'lossy');
    unknown.set([0x41, 0x4c, 0x50, 0x48], 12); // ALPH
    expect(readImageSize(unknown, 'image/webp')).toBeUndefined();
  });
});
