import { decodeBase64 } from '../image/base64';
import { headOf } from '../image/join-bytes';
import { sniffImageType } from '../image/sniff-image-type';
import type { SseImageBytes } from '../sse/sse-item';

function sniffed(head: () => Uint8Array): string | undefined {
  try {
    return sniffImageType(head());
  } catch {
    return undefined;
  }
}

/** `media_type`, else what the first bytes are, else PNG (refused later if it is not one). */
function imagesMediaType(mediaType: string | null | undefined, head: () => Uint8Array): string {
  return mediaType?.trim() || sniffed(head) || 'image/png';
}

/**
 * An Images API image (`b64_json`, and `media_type`, which the API omits for PNG) as the data URL
 * `GeneratedImage.fromUrl` takes, like a chat image. Without a type, the first bytes tell it, so a
 * JPEG is not labelled PNG; bytes of no known type keep `image/png` and are refused by `fromUrl`.
 */
export function imagesDataUrl(base64: string, mediaType?: string | null): string {
  const type = imagesMediaType(mediaType, () => decodeBase64(base64.slice(0, 16)));
  return `data:${type};base64,${base64}`;
}

/**
 * An Images API image the SSE parser decoded to bytes (`b64_json` came as bare base64, with no
 * type), with the media type `imagesDataUrl` would give it: the image it makes is the one the
 * data URL makes.
 */
export function imagesImageBytes(image: SseImageBytes, mediaType?: string | null): SseImageBytes {
  return { ...image, mediaType: imagesMediaType(mediaType, () => headOf(image.parts, 12)) };
}
