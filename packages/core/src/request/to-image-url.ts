import { encodeBase64 } from '../image/base64';
import { sniffImageType } from '../image/sniff-image-type';
import type { ReferenceImage } from './generate-image-variables';

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/;

/** Why a reference image cannot be sent, or its URL. */
export type ToImageUrlResult = { url: string } | { problem: string };

/**
 * A reference image as the `image_url.url` the API takes: https/http URLs and image data URLs
 * as they are, bytes as a data URL whose MIME type is sniffed from the bytes (the label of a
 * Blob is not trusted). Only PNG, JPEG, WebP and GIF are accepted, as Lunos documents.
 */
export async function toImageUrl(image: ReferenceImage): Promise<ToImageUrlResult> {
  if (typeof image === 'string') {
    if (/^https?:\/\//i.test(image)) return { url: image };
    if (image.startsWith('data:')) {
      return DATA_URL.test(image)
        ? { url: image }
        : { problem: 'must be a base64 data URL of a PNG, JPEG, WebP or GIF image' };
    }
    return { problem: 'must be an http(s) URL, a data URL, a Blob or bytes' };
  }
  let bytes: Uint8Array;
  if (ArrayBuffer.isView(image)) {
    bytes = new Uint8Array(image.buffer, image.byteOffset, image.byteLength);
  } else if (typeof (image as Blob).arrayBuffer === 'function') {
    bytes = new Uint8Array(await (image as Blob).arrayBuffer());
  } else {
    bytes = new Uint8Array(image as ArrayBuffer);
  }
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return { problem: 'is not a PNG, JPEG, WebP or GIF image (checked its bytes)' };
  return { url: `data:${mimeType};base64,${encodeBase64(bytes)}` };
}
