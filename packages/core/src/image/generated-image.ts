import { ImageTooLargeError } from '../errors/image-too-large-error';
import { InvalidImageError, type InvalidImageReason } from '../errors/invalid-image-error';
import { RemoteImageError } from '../errors/remote-image-error';
import { base64DecodedLength, decodeBase64, decodeBase64Into, encodeBase64 } from './base64';
import { headOf, joinBytes } from './join-bytes';
import { parseDataUrl } from './parse-data-url';
import { previewUrl } from './preview-url';
import { type ImageDimensions, readImageSize } from './read-image-size';
import { type ImageMimeType, sniffImageType } from './sniff-image-type';

export interface GeneratedImageOptions {
  /** Largest decoded size accepted, in bytes. Default 64 MiB. */
  maxBytes?: number;
}

export interface GeneratedImageBytesOptions extends GeneratedImageOptions {
  /**
   * The media type the bytes were sent as (`image/png`): the label of the data URL they came in,
   * or the `media_type` beside an Images API `b64_json`. The image's `url` is
   * `data:<mediaType>;base64,<base64 of the bytes>`.
   */
  mediaType: string;
}

export const defaultMaxImageBytes = 64 * 1024 * 1024;

/** The image types this package reads (what `fromUrl` and `fromBytes` accept as a label). */
export const supportedImageTypes: ReadonlySet<string> = new Set<ImageMimeType>([
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
  /** The URL as received; for an image made from bytes, built when first asked for. */
  url: string | undefined;
  /** `data:<label>;base64,` of an image made from bytes. */
  dataUrlHeader?: string;
  mimeType: string;
  base64: string | undefined;
  /** Bytes of an image made from bytes, in consecutive parts (joined only if asked to). */
  parts?: readonly Uint8Array[];
  byteLength: number | undefined;
  warnings: readonly string[];
}

/** Bytes from the start of an image whose base64 covers what `previewUrl` shows of its URL. */
const previewBytes = 36;

function invalid(url: string, reason: InvalidImageReason, message: string, cause?: unknown) {
  return new InvalidImageError(`${message}: ${previewUrl(url)}`, {
    reason,
    urlPreview: previewUrl(url),
    cause,
  });
}

/**
 * One image from the API: a `data:` URL held as it came (the base64 is a slice of the URL, not
 * a copy) and decoded only when asked, bytes decoded straight from the stream (their base64 and
 * data URL made only when asked), or an `https:` URL. Created only through `fromUrl` and
 * `fromBytes`, which refuse anything that is not a PNG, JPEG, WebP or GIF.
 */
export class GeneratedImage {
  /** The type of the bytes (sniffed; it wins over the data URL's label), or guessed for https. */
  readonly mimeType: string;
  /** Decoded size in bytes, computed from the base64 length without decoding. */
  readonly byteLength: number | undefined;
  /** Things worth knowing that did not stop the image, e.g. a label that disagreed with the bytes. */
  readonly warnings: readonly string[];

  #url: string | undefined;
  readonly #dataUrlHeader: string | undefined;
  #base64: string | undefined;
  readonly #remote: boolean;
  #bytes: Uint8Array | undefined;
  /** Bytes in parts not joined yet (then `#bytes` is unset). */
  #parts: readonly Uint8Array[] | undefined;
  #blob: Blob | undefined;
  #dimensions: ImageDimensions | null | undefined;

  private constructor(init: GeneratedImageInit) {
    this.#url = init.url;
    this.#dataUrlHeader = init.dataUrlHeader;
    this.mimeType = init.mimeType;
    this.#base64 = init.base64;
    if (init.parts?.length === 1) this.#bytes = init.parts[0];
    else this.#parts = init.parts;
    this.#remote = init.base64 === undefined && init.parts === undefined;
    this.byteLength = init.byteLength;
    this.warnings = init.warnings;
  }

  /**
   * The URL as received. For a data URL whose label was wrong, `mimeType` has the real type. For
   * an image made from bytes, the data URL of its label and bytes, built on first use and kept
   * (tens of megabytes for a large image: prefer `bytes()`, `blob()`).
   */
  get url(): string {
    this.#url ??= `${this.#dataUrlHeader}${this.base64}`;
    return this.#url;
  }

  /**
   * The base64 payload of a data URL; `undefined` for remote images. For an image made from
   * bytes, encoded on first use and kept.
   */
  get base64(): string | undefined {
    // Only an image made from bytes has bytes and no base64.
    if (this.#base64 === undefined && !this.#remote) this.#base64 = encodeBase64(this.bytes());
    return this.#base64;
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
    if (!supportedImageTypes.has(label)) {
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

  /**
   * Wraps bytes that arrived as base64 and were decoded on the way (an SSE parser with
   * `imageBytes`): the image `fromUrl` would make of `data:<mediaType>;base64,<base64 of bytes>`,
   * with the same checks and errors, without that string ever being made. `bytes` is one array
   * or consecutive parts (`SseImageBytes.parts`): parts are joined only when `bytes()` is asked
   * for, and `blob()` is made from them directly. The bytes are kept as given, not copied: do not
   * change them.
   */
  static fromBytes(
    bytes: Uint8Array | readonly Uint8Array[],
    options: GeneratedImageBytesOptions,
  ): GeneratedImage {
    const parts: readonly Uint8Array[] = ArrayBuffer.isView(bytes) ? [bytes] : bytes;
    const { mediaType, ...rest } = options;
    const header = `data:${mediaType};base64,`;
    // A comma would move where the payload starts: the URL then means what fromUrl makes of it.
    if (mediaType.indexOf(',') !== -1) {
      return GeneratedImage.fromUrl(header + encodeBase64(joinBytes(parts)), rest);
    }
    const maxBytes = options.maxBytes ?? defaultMaxImageBytes;
    const byteLength = parts.reduce((sum, part) => sum + part.length, 0);
    // Enough of the URL for every message: the same preview as the whole URL would give.
    const start = header + encodeBase64(headOf(parts, previewBytes));
    const { mimeType: label } = parseDataUrl(start);
    if (!supportedImageTypes.has(label)) {
      throw invalid(start, 'unsupported-type', `${label} is not an image type this SDK accepts`);
    }
    if (byteLength > maxBytes) throw new ImageTooLargeError({ byteLength, maxBytes });
    const type = sniffImageType(headOf(parts, 12));
    if (!type) {
      throw invalid(start, 'unknown-format', 'Image data is no PNG, JPEG, WebP or GIF');
    }
    const warnings =
      type === label ? [] : [`The data URL says ${label} but the bytes are ${type}; using ${type}`];
    return new GeneratedImage({
      url: undefined,
      dataUrlHeader: header,
      mimeType: type,
      base64: undefined,
      parts,
      byteLength,
      warnings,
    });
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
    return this.#remote;
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
    if (this.#parts) {
      this.#bytes = joinBytes(this.#parts);
      this.#parts = undefined;
      return this.#bytes;
    }
    if (this.#base64 === undefined) throw new RemoteImageError({ url: this.url });
    try {
      this.#bytes = decodeBase64(this.#base64);
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
   * own copy, and the slices leave no garbage (peak extra memory: the Blob plus one slice). With
   * bytes at hand (`fromBytes`, or after `bytes()`), the Blob is made from them, parts as they
   * are: one copy, the Blob's own, which every platform makes.
   */
  blob(): Blob {
    if (this.#blob) return this.#blob;
    const type = this.mimeType;
    if (this.#parts) {
      this.#blob = new Blob(this.#parts as Uint8Array<ArrayBuffer>[], { type });
      return this.#blob;
    }
    if (this.#bytes || this.#base64 === undefined) {
      this.#blob = new Blob([this.bytes() as Uint8Array<ArrayBuffer>], { type });
      return this.#blob;
    }
    const base64 = this.#base64;
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
    if (this.#remote) return undefined;
    const type = this.mimeType as ImageMimeType;
    const base64 = this.#base64;
    try {
      // The first part holds the header of all but a JPEG with much metadata.
      const first = this.#parts?.[0];
      const size = first && readImageSize(first, type);
      if (size) return size;
      if (this.#parts || this.#bytes || base64 === undefined) {
        return readImageSize(this.bytes(), type);
      }
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
