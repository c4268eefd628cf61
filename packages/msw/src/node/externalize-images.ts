import { createHash } from 'node:crypto';
import { decodeBase64, sniffImageType } from '@lunos-image/core/internal';
import { formatBlobRef, parseBlobRef } from '../fixture/blob-ref';

/** Image bytes taken out of a fixture, by file name under `blobs/`. */
export type ExtractedBlobs = Map<string, Uint8Array>;

const dataUrl = /^data:(image\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]+={0,2})$/;
const bareBase64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function sha256Name(bytes: Uint8Array): string {
  return `sha256-${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Replaces every image data URL in `value`, and every `b64_json` (the Images API's bare base64)
 * whose bytes are an image, by a blob sentinel and returns the bytes by file name. Identical
 * images become one blob.
 */
export function externalizeImages<T>(
  value: T,
  blobs: ExtractedBlobs = new Map(),
): { value: T; blobs: ExtractedBlobs } {
  const keep = (bytes: Uint8Array, mimeType: string, bare: boolean): string => {
    const sentinel = formatBlobRef(sha256Name(bytes), mimeType, bare);
    blobs.set(parseBlobRef(sentinel)!.fileName, bytes);
    return sentinel;
  };
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      const m = dataUrl.exec(v);
      if (m) return keep(decodeBase64(m[2]!), m[1]!, false);
      if (key === 'b64_json' && bareBase64.test(v)) {
        const bytes = decodeBase64(v);
        const type = sniffImageType(bytes);
        return type ? keep(bytes, type, true) : v;
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return { value: walk(value) as T, blobs };
}
