import { createHash } from 'node:crypto';
import { decodeBase64 } from '@lunos-image/core/internal';
import { formatBlobRef, parseBlobRef } from '../fixture/blob-ref';

/** Image bytes taken out of a fixture, by file name under `blobs/`. */
export type ExtractedBlobs = Map<string, Uint8Array>;

const dataUrl = /^data:(image\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]+={0,2})$/;

export function sha256Name(bytes: Uint8Array): string {
  return `sha256-${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Replaces every image data URL in `value` by a blob sentinel and returns the bytes by file
 * name. Identical images become one blob.
 */
export function externalizeImages<T>(
  value: T,
  blobs: ExtractedBlobs = new Map(),
): { value: T; blobs: ExtractedBlobs } {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = dataUrl.exec(v);
      if (!m) return v;
      const bytes = decodeBase64(m[2]!);
      const sentinel = formatBlobRef(sha256Name(bytes), m[1]!);
      blobs.set(parseBlobRef(sentinel)!.fileName, bytes);
      return sentinel;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return { value: walk(value) as T, blobs };
}
