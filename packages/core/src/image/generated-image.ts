import { ImageTooLargeError } from '../errors/image-too-large-error';
import { InvalidImageError, type InvalidImageReason } from '../errors/invalid-image-error';
import { RemoteImageError } from '../errors/remote-image-error';
import { base64DecodedLength, decodeBase64, decodeBase64Into } from './base64';
import { parseDataUrl } from './parse-data-url';
import { previewUrl } from './preview-url';
import { type ImageDimensions, readImageSize } from './read-image-size';
import { type ImageMimeType, sniffImageType } from './sniff-image-type';

export interface GeneratedImageOptions {
  /** Largest decoded size accepted, in bytes. Default 64 MiB. */
  maxBytes?: number;
}

export const defaultMaxImageBytes = 64 * 1024 * 1024;

const supportedTypes: ReadonlySet<string> = new Set<ImageMimeType>([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
]);

const extensionTypes: Readonly<Record<string, ImageMimeType>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/**
 * How much base64 to decode when looking for the width and height: PNG, GIF and WebP keep them
 * in the first 30 bytes, a JPEG after its EXIF/ICC segments (usually within 128 KiB); only a
 * JPEG with more metadata than that costs a full decode. Multiples of 4: whole base64 groups.
 */
const headerProbeLengths = [4096, 131_072];

/** Base64 characters decoded per Blob part: 1 MiB, whole groups of 4 (768 KiB of bytes). */
const blobSliceChars = 1024 * 1024;

interface GeneratedImageInit {
  url: string;
  mimeType: string;
  base64: string | undefined;
  byteLength: number | undefined;
  warnings: readonly string[];
}

function invalid(url: string, reason: InvalidImageReason, message: string, cause?: unknown) {
  return new InvalidImageError(`${message}: ${previewUrl(url)}`, {
    reason,
    urlPreview: previewUrl(url),
    cause,
  });
}

/**
 * One image from the API: a `data:` URL held as it came (the base64 is a slice of the URL, not
 * a copy) and decoded only when asked, or an `https:` URL. Created only through `fromUrl`, which
 * refuses anything that is not a PNG, JPEG, WebP or GIF.
 */
export class GeneratedImage {
  /** The URL as received. For a data URL whose label was wrong, `mimeType` has the real type. */
  readonly url: string;
  /** The type of the bytes (sniffed; it wins over the data URL's label), or guessed for https. */
  readonly mimeType: string;
  /** The base64 payload of a data URL; `undefined` for remote images. */
  readonly base64: string | undefined;
  /** Decoded size in bytes, computed from the base64 length without decoding. */
  readonly byteLength: number | undefined;
  /** Things worth knowing that did not stop the image, e.g. a label that disagreed with the bytes. */
  readonly warnings: readonly string[];

  #bytes: Uint8Array | undefined;
  #blob: Blob | undefined;
  #dimensions: ImageDimensions | null | undefined;

  private constructor(init: GeneratedImageInit) {
    this.url = init.url;
    this.mimeType = init.mimeType;
    this.base64 = init.base64;
    this.byteLength = init.byteLength;
    this.warnings = init.warnings;
  }

  /**
   * Validates `url` and wraps it. Accepts `data:image/(png|jpeg|webp|gif);base64,` URLs whose
   * first bytes are one of those formats, and `https:` URLs. Throws `InvalidImageError` for
   * anything else (`javascript:`, `data:text/html`, broken base64, unknown bytes) and
   * `ImageTooLargeError` past `maxBytes`. Costs the same for a 30 MB image as for a tiny one: only
   * the start and end of the base64 are decoded here; a bad character in the middle surfaces as
   * an `InvalidImageError` from `bytes()`.
   */
  static fromUrl(url: string, options: GeneratedImageOptions = {}): GeneratedImage {
    const maxBytes = options.maxBytes ?? defaultMaxImageBytes;
    if (typeof url !== 'string') {
      throw invalid(String(url), 'unsupported-scheme', 'Image URL is not a string');
    }
    const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
    if (scheme === 'https:') return GeneratedImage.#fromHttps(url);
    if (scheme !== 'data:') {
      throw invalid(url, 'unsupported-scheme', 'Only data: and https: image URLs are accepted');
    }
    const { mimeType: label, base64 } = parseDataUrl(url);
    if (!supportedTypes.has(label)) {
      throw invalid(url, 'unsupported-type', `${label} is not an image type this SDK accepts`);
    }
    let byteLength: number;
    try {
      byteLength = base64DecodedLength(base64);
    } catch (error) {
      throw invalid(url, 'invalid-base64', 'Image data is not valid base64', error);
    }
    if (byteLength > maxBytes) throw new ImageTooLargeError({ byteLength, maxBytes });
    let head: Uint8Array;
    try {
      head = decodeBase64(base64.slice(0, 16));
      // The last group carries the padding rules; checking it here catches a truncated payload.
      decodeBase64(base64.slice(base64.length - (base64.length % 4 || 4)));
    } catch (error) {
      throw invalid(url, 'invalid-base64', 'Image data is not valid base64', error);
    }
    const type = sniffImageType(head);
    if (!type) {
      throw invalid(url, 'unknown-format', 'Image data is no PNG, JPEG, WebP or GIF');
    }
    const warnings =
      type === label ? [] : [`The data URL says ${label} but the bytes are ${type}; using ${type}`];
    return new GeneratedImage({ url, mimeType: type, base64, byteLength, warnings });
  }

  static #fromHttps(url: string): GeneratedImage {
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch (error) {
      throw invalid(url, 'malformed-url', 'Image URL does not parse', error);
    }
    const extension = pathname.slice(pathname.lastIndexOf('.') + 1).toLowerCase();
    return new GeneratedImage({
      url,
      mimeType: extensionTypes[extension] ?? 'application/octet-stream',
      base64: undefined,
      byteLength: undefined,
      warnings: [],
    });
  }

  /** True for an `https:` image: its bytes are not here, fetch `url`. */
  get remote(): boolean {
    return this.base64 === undefined;
  }

  /** Width in pixels from the image header; `undefined` for remote or unreadable headers. */
  get width(): number | undefined {
    return this.#readDimensions()?.width;
  }

  /** Height in pixels from the image header; `undefined` for remote or unreadable headers. */
  get height(): number | undefined {
    return this.#readDimensions()?.height;
  }

  /**
   * The decoded bytes, decoded on the first call and cached (do not mutate them). Throws
   * `RemoteImageError` for an https image and `InvalidImageError` when the base64 is broken.
   */
  bytes(): Uint8Array {
    if (this.#bytes) return this.#bytes;
    if (this.base64 === undefined) throw new RemoteImageError({ url: this.url });
    try {
      this.#bytes = decodeBase64(this.base64);
    } catch (error) {
      throw invalid(this.url, 'invalid-base64', 'Image data is not valid base64', error);
    }
    return this.#bytes;
  }

  /**
   * The bytes as a `Blob` of `mimeType`, created once. Throws as `bytes()` does. Unless `bytes()`
   * was already called, the base64 is decoded a 1 MiB slice at a time into one scratch array,
   * each slice copied into a small Blob, and the result is a Blob of those (Blobs made of Blobs
   * share their data): the image is never held as one more full-size array beside the Blob's
   * own copy, and the slices leave no garbage (peak extra memory: the Blob plus one slice).
   */
  blob(): Blob {
    if (this.#blob) return this.#blob;
    const type = this.mimeType;
    if (this.#bytes || this.base64 === undefined) {
      this.#blob = new Blob([this.bytes() as Uint8Array<ArrayBuffer>], { type });
      return this.#blob;
    }
    const base64 = this.base64;
    const parts: Blob[] = [];
    const scratch = new Uint8Array(Math.min((blobSliceChars / 4) * 3, this.byteLength ?? 0));
    try {
      for (let at = 0; at < base64.length; at += blobSliceChars) {
        const slice = decodeBase64Into(base64.slice(at, at + blobSliceChars), scratch);
        parts.push(new Blob([slice as Uint8Array<ArrayBuffer>]));
      }
    } catch (error) {
      throw invalid(this.url, 'invalid-base64', 'Image data is not valid base64', error);
    }
    this.#blob = new Blob(parts, { type });
    return this.#blob;
  }

  /** Plain data for logs and transport; the payload once (`url`), not twice. */
  toJSON(): Record<string, unknown> {
    return {
      url: this.url,
      mimeType: this.mimeType,
      remote: this.remote,
      byteLength: this.byteLength,
      width: this.width,
      height: this.height,
      warnings: this.warnings,
    };
  }

  #readDimensions(): ImageDimensions | undefined {
    if (this.#dimensions !== undefined) return this.#dimensions ?? undefined;
    this.#dimensions = this.#probeDimensions() ?? null;
    return this.#dimensions ?? undefined;
  }

  #probeDimensions(): ImageDimensions | undefined {
    const base64 = this.base64;
    if (base64 === undefined) return undefined;
    const type = this.mimeType as ImageMimeType;
    try {
      if (this.#bytes) return readImageSize(this.#bytes, type);
      // Only a JPEG may need more than the first probe: its frame header follows the metadata.
      for (const length of type === 'image/jpeg'
        ? headerProbeLengths
        : headerProbeLengths.slice(0, 1)) {
        if (length >= base64.length) break;
        const size = readImageSize(decodeBase64(base64.slice(0, length)), type);
        if (size || type !== 'image/jpeg') return size;
      }
      return readImageSize(this.bytes(), type);
    } catch {
      // A header that cannot be decoded has no size; bytes() reports the error when asked.
      return undefined;
    }
  }
}
