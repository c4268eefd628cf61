import { sameBytes } from '../image/join-bytes';
import { imageValueText } from '../sse/event-data-text';
import type { SseImageBytes } from '../sse/sse-item';

const byteLength = (image: SseImageBytes) =>
  image.parts.reduce((sum, part) => sum + part.length, 0);

function sameImage(a: SseImageBytes, b: SseImageBytes): boolean {
  return (
    a.mediaType === b.mediaType && byteLength(a) === byteLength(b) && sameBytes(a.parts, b.parts)
  );
}

/** Whether `url` is the very string `image` was sent as; its length tells first, cheaply. */
function isUrlOf(url: string, image: SseImageBytes): boolean {
  const header = image.mediaType === undefined ? 0 : `data:${image.mediaType};base64,`.length;
  if (url.length !== header + Math.ceil(byteLength(image) / 3) * 4) return false;
  return url === imageValueText(image);
}

/**
 * The image URLs of one answer so far, for the `dedupe-by-url` policy: whether an image came as
 * its URL or as bytes decoded from it (`SseImageBytes`), a repeat is the same URL as sent.
 */
export class SeenImageUrls {
  readonly #urls = new Set<string>();
  readonly #images: SseImageBytes[] = [];

  has(url: string, image: SseImageBytes | undefined): boolean {
    if (image === undefined) {
      return this.#urls.has(url) || this.#images.some((seen) => isUrlOf(url, seen));
    }
    if (this.#images.some((seen) => sameImage(seen, image))) return true;
    for (const seen of this.#urls) if (isUrlOf(seen, image)) return true;
    return false;
  }

  add(url: string, image: SseImageBytes | undefined): void {
    if (image === undefined) this.#urls.add(url);
    else this.#images.push(image);
  }
}
