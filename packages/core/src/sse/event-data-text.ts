import { encodeBase64 } from '../image/base64';
import { joinBytes } from '../image/join-bytes';
import type { SseImageBytes } from './sse-item';

/** How `ref` is written inside the JSON text of `data` (its NUL as the escape JSON requires). */
export function refJsonText(ref: string): string {
  return `\\u0000${ref.slice(1)}`;
}

/** The JSON string value the image was sent as: its data URL, or its bare base64. */
export function imageValueText(image: SseImageBytes): string {
  const base64 = encodeBase64(joinBytes(image.parts));
  return image.mediaType === undefined ? base64 : `data:${image.mediaType};base64,${base64}`;
}

/** The image among `images` that `value` (a string of the parsed event) stands for, if any. */
export function imageBytesFor(
  value: string,
  images: readonly SseImageBytes[] | undefined,
): SseImageBytes | undefined {
  if (images === undefined || value.charCodeAt(0) !== 0) return undefined;
  return images.find((image) => image.ref === value);
}

/**
 * An event's data exactly as the server sent it: each image put back in place of its `ref`. The
 * parser takes an image out only when its base64 is canonical (padded, no stray bits), so
 * encoding the bytes again gives back the very characters that arrived. Costs a full encode of
 * every image: for error messages and fallbacks, not for the normal path.
 */
export function eventDataText(item: { data: string; images?: readonly SseImageBytes[] }): string {
  let data = item.data;
  for (const image of item.images ?? []) {
    const at = data.indexOf(refJsonText(image.ref));
    if (at === -1) continue;
    data = `${data.slice(0, at)}${imageValueText(image)}${data.slice(at + refJsonText(image.ref).length)}`;
  }
  return data;
}
