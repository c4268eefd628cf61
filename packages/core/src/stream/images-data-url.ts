import { decodeBase64 } from '../image/base64';
import { sniffImageType } from '../image/sniff-image-type';

function sniffed(base64: string): string | undefined {
  try {
    return sniffImageType(decodeBase64(base64.slice(0, 16)));
  } catch {
    return undefined;
  }
}

/**
 * An Images API image (`b64_json`, and `media_type`, which the API omits for PNG) as the data URL
 * `GeneratedImage.fromUrl` takes, like a chat image. Without a type, the first bytes tell it, so a
 * JPEG is not labelled PNG; bytes of no known type keep `image/png` and are refused by `fromUrl`.
 */
export function imagesDataUrl(base64: string, mediaType?: string | null): string {
  const type = mediaType?.trim() || sniffed(base64) || 'image/png';
  return `data:${type};base64,${base64}`;
}
