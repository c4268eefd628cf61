import { encodeBase64 } from '@lunos-image/core/internal';
import { BlobNotFoundError } from '../errors/blob-not-found-error';
import { type BlobRef, parseBlobRef } from '../fixture/blob-ref';

/** Loads the bytes of a blob referenced by a fixture. */
export type BlobLoader = (ref: BlobRef) => Promise<Uint8Array>;

function collect(value: unknown, found: Map<string, BlobRef>): void {
  if (typeof value === 'string') {
    const ref = parseBlobRef(value);
    if (ref) found.set(value, ref);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collect(item, found);
  }
}

function replace(value: unknown, urls: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return urls.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => replace(item, urls));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, urls)]));
  }
  return value;
}

/** Every blob sentinel in `value`, deduplicated. */
export function findBlobRefs(value: unknown): BlobRef[] {
  const found = new Map<string, BlobRef>();
  collect(value, found);
  return [...found.values()];
}

/**
 * Returns a copy of `value` with every blob sentinel replaced by its `data:` URL (or its bare
 * base64, for a `;base64` sentinel). Each blob is loaded once, however often it is referenced.
 */
export async function resolveBlobs<T>(value: T, loadBlob: BlobLoader | undefined): Promise<T> {
  const found = new Map<string, BlobRef>();
  collect(value, found);
  if (found.size === 0) return value;
  if (!loadBlob) {
    const first = found.values().next().value as BlobRef;
    throw new BlobNotFoundError(
      first.fileName,
      'the fixture references blobs but no blob loader was given',
    );
  }
  const urls = new Map<string, string>();
  await Promise.all(
    [...found].map(async ([sentinel, ref]) => {
      const base64 = encodeBase64(await loadBlob(ref));
      urls.set(sentinel, ref.bare ? base64 : `data:${ref.mimeType};base64,${base64}`);
    }),
  );
  return replace(value, urls) as T;
}
