import type { GeneratedImage } from '@lunos-image/core';

const canMakeObjectUrls = () =>
  typeof URL !== 'undefined' &&
  typeof URL.createObjectURL === 'function' &&
  typeof URL.revokeObjectURL === 'function';

/**
 * The object URLs made for generated images: one per image, made on first request from its bytes
 * and revoked by `retain` (everything not kept) or `revokeAll`. Where object URLs cannot be made
 * (no `URL.createObjectURL`, as in React Native or on a server), or for an https image, or for
 * bytes that do not decode, the image's own URL is handed out instead and nothing is revoked.
 */
export class ObjectUrlRegistry {
  readonly #urls = new Map<GeneratedImage, string>();

  /** The URL to show `image` with; the same string every time until it is revoked. */
  urlFor(image: GeneratedImage): string {
    const known = this.#urls.get(image);
    if (known !== undefined) return known;
    if (image.remote || !canMakeObjectUrls()) return image.url;
    let url: string;
    try {
      url = URL.createObjectURL(image.blob());
    } catch {
      // Broken base64 in the middle of the payload: the data URL is what the API sent.
      return image.url;
    }
    this.#urls.set(image, url);
    return url;
  }

  /** How many object URLs are live. */
  get size(): number {
    return this.#urls.size;
  }

  has(image: GeneratedImage): boolean {
    return this.#urls.has(image);
  }

  /** Revokes the URL of every image not in `keep`. */
  retain(keep: ReadonlySet<GeneratedImage>): void {
    for (const [image, url] of this.#urls) {
      if (keep.has(image)) continue;
      this.#urls.delete(image);
      URL.revokeObjectURL(url);
    }
  }

  revokeAll(): void {
    this.retain(new Set());
  }
}
