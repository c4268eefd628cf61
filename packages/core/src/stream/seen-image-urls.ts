import { imageValueText } from '../sse/event-data-text';
import type { SseImageBytes } from '../sse/sse-item';

function sameBytes(a: SseImageBytes, b: SseImageBytes): boolean {
  if (a.mediaType !== b.mediaType || a.bytes.length !== b.bytes.length) return false;
  const x = a.bytes;
  const y = b.bytes;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Whether `url` is the very string `image` was sent as; its length tells first, cheaply. */
function isUrlOf(url: string, image: SseImageBytes): boolean {
  const header = image.mediaType === undefined ? 0 : `data:${image.mediaType};base64,`.length;
  if (url.length !== header + Math.ceil(image.bytes.length / 3) * 4) return false;
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
    if (this.#images.some((seen) => sameBytes(seen, image))) return true;
    for (const seen of this.#urls) if (isUrlOf(seen, image)) return true;
    return false;
  }

  add(url: string, image: SseImageBytes | undefined): void {
    if (image === undefined) this.#urls.add(url);
    else this.#images.push(image);
  }
}
