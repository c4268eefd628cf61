import { describe, expect, it } from 'vitest';
import { ImageTooLargeError } from '../errors/image-too-large-error';
import { InvalidImageError, type InvalidImageReason } from '../errors/invalid-image-error';
import { RemoteImageError } from '../errors/remote-image-error';
import { encodeBase64 } from './base64';
import { GeneratedImage } from './generated-image';
import { makeGif, makeJpegHeader, makePng, makeWebpHeader } from './test-utils/make-test-image';

/** The data URL prefix plus a PNG's first base64 groups, so the header check passes. */
const makePngUrl = () => `data:image/png;base64,${encodeBase64(makePng(1, 1)).slice(0, 40)}`;

const dataUrl = (type: string, bytes: Uint8Array) => `data:${type};base64,${encodeBase64(bytes)}`;

function failure(url: string, options?: { maxBytes?: number }): unknown {
  try {
    GeneratedImage.fromUrl(url, options);
  } catch (error) {
    return error;
  }
  throw new Error(`fromUrl accepted ${url.slice(0, 40)}`);
}

function expectInvalid(url: string, reason: InvalidImageReason): void {
  const error = failure(url);
  expect(InvalidImageError.isInstance(error), String(error)).toBe(true);
  expect((error as InvalidImageError).reason).toBe(reason);
}

describe('GeneratedImage', () => {
  it('wraps a PNG data URL: type, payload slice, size, bytes and blob', async () => {
    const png = makePng(3, 2);
    const url = dataUrl('image/png', png);
    const image = GeneratedImage.fromUrl(url);
    expect(image.url).toBe(url);
    expect(image.mimeType).toBe('image/png');
    expect(image.base64).toBe(url.slice('data:image/png;base64,'.length));
    expect(image.remote).toBe(false);
    expect(image.byteLength).toBe(png.length);
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(image.warnings).toEqual([]);
    expect(image.bytes()).toEqual(png);
    expect(image.bytes()).toBe(image.bytes());
    const blob = image.blob();
    expect(blob).toBe(image.blob());
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(png);
  });

  it.each([
    ['GIF', 'image/gif', makeGif(1, 1), [1, 1]],
    ['GIF (large canvas)', 'image/gif', makeGif(640, 480), [640, 480]],
    ['JPEG', 'image/jpeg', makeJpegHeader(1024, 768), [1024, 768]],
    [
      'JPEG with 100 KB of metadata first',
      'image/jpeg',
      makeJpegHeader(1344, 768, 100_000),
      [1344, 768],
    ],
    [
      'JPEG with 300 KB of metadata first',
      'image/jpeg',
      makeJpegHeader(2048, 1152, 300_000),
      [2048, 1152],
    ],
    ['lossy WebP', 'image/webp', makeWebpHeader(1248, 832, 'lossy'), [1248, 832]],
    ['lossless WebP', 'image/webp', makeWebpHeader(16_383, 9, 'lossless'), [16_383, 9]],
    ['extended WebP', 'image/webp', makeWebpHeader(4096, 2304, 'extended'), [4096, 2304]],
  ] as const)('reads width and height from a %s header', (_, type, bytes, [width, height]) => {
    const image = GeneratedImage.fromUrl(dataUrl(type, bytes));
    expect(image.mimeType).toBe(type);
    expect([image.width, image.height]).toEqual([width, height]);
  });

  it('trusts the bytes over the label and says so', () => {
    const image = GeneratedImage.fromUrl(dataUrl('image/jpeg', makePng(2, 2)));
    expect(image.mimeType).toBe('image/png');
    expect(image.blob().type).toBe('image/png');
    expect(image.warnings).toEqual([
      'The data URL says image/jpeg but the bytes are image/png; using image/png',
    ]);
  });

  it('accepts an unpadded payload and an upper-case label', () => {
    const url = dataUrl('IMAGE/PNG', makePng(1, 1)).replace(/=+$/, '');
    expect(GeneratedImage.fromUrl(url).bytes()).toEqual(makePng(1, 1));
  });

  it.each([
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['JavaScript:alert(document.cookie)//data:image/png;base64,', 'unsupported-scheme'],
    ['http://example.com/a.png', 'unsupported-scheme'],
    ['blob:https://example.com/1234', 'unsupported-scheme'],
    ['no scheme at all', 'unsupported-scheme'],
    ['https://', 'malformed-url'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'unsupported-type'],
    ['data:image/svg+xml;base64,PHN2Zy8+', 'unsupported-type'],
    ['data:image/png,%89PNG', 'malformed-data-url'],
    ['data:image/png;base64,iVBO!w0KGgo=', 'invalid-base64'],
    ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB=', 'invalid-base64'],
    ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAA*', 'invalid-base64'],
    ['data:image/png;base64,', 'unknown-format'],
    [dataUrl('image/png', new TextEncoder().encode('<html>not an image</html>')), 'unknown-format'],
  ] as const)('refuses %j (%s)', (url, reason) => {
    expectInvalid(url, reason);
  });

  it('refuses broken base64 in the middle of the payload when the bytes are asked for', () => {
    const base64 = encodeBase64(makePng(40, 40));
    const broken = `data:image/png;base64,${base64.slice(0, 200)}$${base64.slice(201)}`;
    const image = GeneratedImage.fromUrl(broken);
    let error: unknown;
    try {
      image.bytes();
    } catch (caught) {
      error = caught;
    }
    expect(InvalidImageError.isInstance(error)).toBe(true);
    expect((error as InvalidImageError).reason).toBe('invalid-base64');
    expect(() => image.blob()).toThrow(InvalidImageError);
  });

  it('builds the Blob of a large image slice by slice, byte for byte, without caching bytes()', async () => {
    // 3 MiB: several 1 MiB base64 slices, the last one short.
    const bytes = new Uint8Array(3 * 1024 * 1024 + 7);
    bytes.set(makePng(1, 1));
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const image = GeneratedImage.fromUrl(`data:image/png;base64,${encodeBase64(bytes)}`);
    const blob = image.blob();
    expect(blob.size).toBe(bytes.length);
    // Buffer.equals: toEqual walks 3 MB element by element.
    expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
    expect(Buffer.from(image.bytes()).equals(bytes)).toBe(true);
  });

  it('refuses broken base64 in a later Blob slice', () => {
    const base64 = encodeBase64(new Uint8Array(2 * 1024 * 1024).fill(7));
    const broken = `${makePngUrl()}${base64.slice(0, 1_500_000)}$${base64.slice(1_500_001)}`;
    expect(() => GeneratedImage.fromUrl(broken).blob()).toThrow(InvalidImageError);
  });

  it('refuses an image over maxBytes from the base64 length, before decoding anything', () => {
    const error = failure(dataUrl('image/png', makePng(40, 40)), { maxBytes: 100 });
    expect(ImageTooLargeError.isInstance(error)).toBe(true);
    expect((error as ImageTooLargeError).maxBytes).toBe(100);
    expect((error as ImageTooLargeError).byteLength).toBe(makePng(40, 40).length);
    // 64 MiB by default: 90 million base64 characters decode to 67.5 MB.
    const huge = failure(`data:image/png;base64,iVBORw0KGgo${'A'.repeat(90_000_000 - 11)}`);
    expect(ImageTooLargeError.isInstance(huge)).toBe(true);
    expect(JSON.parse(JSON.stringify(huge))).toEqual({
      name: 'ImageTooLargeError',
      message: expect.stringContaining('67108864'),
      byteLength: 67_500_000,
      maxBytes: 67_108_864,
    });
  });

  it('keeps error messages short for huge URLs', () => {
    const error = failure(`data:text/plain;base64,${'A'.repeat(10_000_000)}`) as InvalidImageError;
    expect(error.message.length).toBeLessThan(160);
    expect(JSON.stringify(error).length).toBeLessThan(400);
  });

  it('wraps an https URL without fetching it: bytes() says to fetch the url', () => {
    const image = GeneratedImage.fromUrl('https://cdn.example.com/out/cat.WEBP?sig=abc');
    expect(image.remote).toBe(true);
    expect(image.mimeType).toBe('image/webp');
    expect(image.base64).toBeUndefined();
    expect(image.byteLength).toBeUndefined();
    expect(image.width).toBeUndefined();
    let error: unknown;
    try {
      image.bytes();
    } catch (caught) {
      error = caught;
    }
    expect(RemoteImageError.isInstance(error)).toBe(true);
    expect((error as RemoteImageError).url).toBe(image.url);
    expect((error as Error).message).toMatch(/fetch https:\/\/cdn\.example\.com/);
    expect(GeneratedImage.fromUrl('https://x.test/image').mimeType).toBe(
      'application/octet-stream',
    );
  });

  it('serialises the payload once, with what was read from it', () => {
    const image = GeneratedImage.fromUrl(dataUrl('image/png', makePng(2, 3)));
    expect(JSON.parse(JSON.stringify(image))).toEqual({
      url: image.url,
      mimeType: 'image/png',
      remote: false,
      byteLength: image.byteLength,
      width: 2,
      height: 3,
      warnings: [],
    });
  });

  it('has no size for a header that lies about its format', () => {
    const png = makePng(2, 2);
    png.set([0x78, 0x78, 0x78, 0x78], 12); // IHDR renamed: not a PNG header any more
    const image = GeneratedImage.fromUrl(dataUrl('image/png', png));
    expect(image.width).toBeUndefined();
    expect(image.height).toBeUndefined();
  });
});

/** What a test compares: everything an image shows, and how it fails. */
function outcome(make: () => GeneratedImage) {
  try {
    const image = make();
    return {
      json: image.toJSON(),
      base64: image.base64,
      // As text: toEqual compares strings at once, arrays element by element.
      bytes: encodeBase64(image.bytes()),
      type: image.blob().type,
    };
  } catch (error) {
    return { error: JSON.parse(JSON.stringify(error)), message: String(error) };
  }
}

describe('GeneratedImage.fromBytes', () => {
  it('is the image fromUrl makes of the same data URL, without making the URL first', async () => {
    const png = makePng(3, 2);
    const image = GeneratedImage.fromBytes(png, { mediaType: 'image/png' });
    expect(image.bytes()).toBe(png);
    expect(image.mimeType).toBe('image/png');
    expect(image.remote).toBe(false);
    expect(image.byteLength).toBe(png.length);
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(image.base64).toBe(encodeBase64(png));
    expect(image.base64).toBe(image.base64);
    expect(image.url).toBe(dataUrl('image/png', png));
    expect(new Uint8Array(await image.blob().arrayBuffer())).toEqual(png);
    expect(outcome(() => image)).toEqual(
      outcome(() => GeneratedImage.fromUrl(dataUrl('image/png', png))),
    );
  });

  it.each([
    ['a PNG labelled JPEG', 'image/jpeg', makePng(2, 2), {}],
    ['a GIF', 'image/gif', makeGif(640, 480), {}],
    ['a WebP', 'image/webp', makeWebpHeader(1248, 832, 'lossy'), {}],
    ['an SVG', 'image/svg+xml', new TextEncoder().encode('<svg/>'), {}],
    ['text', 'text/html', new TextEncoder().encode('<script>alert(1)</script>'), {}],
    ['no image bytes', 'image/png', new TextEncoder().encode('<html>not an image</html>'), {}],
    ['no bytes at all', 'image/png', new Uint8Array(0), {}],
    ['an image over maxBytes', 'image/png', makePng(40, 40), { maxBytes: 100 }],
    ['a label with parameters', 'image/png;name=x', makePng(1, 1), {}],
    ['a malformed label', 'image png', makePng(1, 1), {}],
    ['a label with a comma', 'image/png,', makePng(1, 1), {}],
  ] as const)(
    'agrees with fromUrl on %s, errors and messages included',
    (_, mediaType, bytes, options) => {
      expect(outcome(() => GeneratedImage.fromBytes(bytes, { ...options, mediaType }))).toEqual(
        outcome(() => GeneratedImage.fromUrl(dataUrl(mediaType, bytes), options)),
      );
    },
  );

  it('takes the bytes in parts: Blob made from them, joined only for bytes()', async () => {
    const jpeg = makeJpegHeader(2048, 1152, 300_000);
    const cuts = [0, 5, 7, 200_000, jpeg.length];
    const parts = cuts.slice(1).map((end, i) => jpeg.subarray(cuts[i], end));
    const image = GeneratedImage.fromBytes(parts, { mediaType: 'image/jpeg' });
    expect(image.byteLength).toBe(jpeg.length);
    expect([image.width, image.height]).toEqual([2048, 1152]);
    const blob = image.blob();
    expect(Buffer.from(await blob.arrayBuffer()).equals(jpeg)).toBe(true);
    expect(Buffer.from(image.bytes()).equals(jpeg)).toBe(true);
    expect(image.bytes()).toBe(image.bytes());
    expect(outcome(() => GeneratedImage.fromBytes(parts, { mediaType: 'image/png' }))).toEqual(
      outcome(() => GeneratedImage.fromUrl(dataUrl('image/png', jpeg))),
    );
    expect(
      outcome(() => GeneratedImage.fromBytes(parts, { mediaType: 'image/jpeg', maxBytes: 9 })),
    ).toEqual(outcome(() => GeneratedImage.fromUrl(dataUrl('image/jpeg', jpeg), { maxBytes: 9 })));
  });

  it('shows the same short preview of a huge image as fromUrl does', () => {
    const bytes = new Uint8Array(3_000_000).fill(0x41);
    const fromBytes = outcome(() => GeneratedImage.fromBytes(bytes, { mediaType: 'image/png' }));
    expect(fromBytes).toEqual(outcome(() => GeneratedImage.fromUrl(dataUrl('image/png', bytes))));
    expect((fromBytes as { message: string }).message.length).toBeLessThan(160);
  });
});
