/** 50 MB: a few dozen 1K runs, or a handful of 4K ones. */
export const DEFAULT_GALLERY_MAX_BYTES = 50_000_000;

/**
 * The gallery's size limit: `?galleryMB=2.5` (decimal megabytes, for tests and small devices), or
 * the default. A value that is not a positive number keeps the default and says why.
 */
export function readGalleryLimit(search: string): { maxBytes: number; warning?: string } {
  const value = new URLSearchParams(search).get('galleryMB');
  if (value === null) return { maxBytes: DEFAULT_GALLERY_MAX_BYTES };
  const mb = Number(value);
  if (value.trim() !== '' && Number.isFinite(mb) && mb > 0) {
    return { maxBytes: Math.round(mb * 1_000_000) };
  }
  return {
    maxBytes: DEFAULT_GALLERY_MAX_BYTES,
    warning: `?galleryMB=${value} is not a positive number of megabytes: the default limit applies.`,
  };
}
