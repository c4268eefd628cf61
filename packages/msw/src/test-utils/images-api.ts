import { GeneratedImage } from '@lunos-image/core';
import { decodeBody } from './decode-body';

/** Width and height from a PNG's IHDR, read by core's `GeneratedImage` (never decoded here). */
export const pngDimensions = (b64: string): [number, number] => imageDimensions(b64, 'image/png');

/** Width and height from an image's header (PNG, JPEG, WebP), read by core's `GeneratedImage`. */
export function imageDimensions(b64: string, mediaType: string): [number, number] {
  const image = GeneratedImage.fromUrl(`data:${mediaType};base64,${b64}`);
  expectDefined(image.width);
  expectDefined(image.height);
  return [image.width, image.height];
}

function expectDefined<T>(value: T | undefined): asserts value is T {
  if (value === undefined) throw new Error('the image header has no size');
}

/** The JSON `data:` payloads of an Images API stream, in order (comments and `[DONE]` skipped). */
export async function imagesEvents(response: Response): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  for (const item of await decodeBody(response)) {
    if (item.type === 'event' && item.data !== '[DONE]') events.push(JSON.parse(item.data));
  }
  return events;
}

/** A fake key, assembled at run time so no key-shaped text sits in the source. */
export const FAKE_KEY = ['sk', 'or', 'v1', 'a'.repeat(64)].join('-');
