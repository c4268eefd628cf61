import type { StoredRun } from './run-record';

/** Room for the fields around the images and text (ids, settings, timings, the error). */
const RECORD_OVERHEAD = 1024;

/**
 * What a run takes in IndexedDB, near enough to enforce the gallery's limit: its images' and
 * references' bytes, its text as UTF-16, and a fixed allowance for the rest.
 */
export function storedRunBytes(run: StoredRun): number {
  const images = run.images.reduce((sum, image) => sum + (image.blob?.size ?? 0), 0);
  const references = run.form.references.reduce((sum, file) => sum + file.size, 0);
  const text = (run.text.length + run.form.prompt.length) * 2;
  return images + references + text + RECORD_OVERHEAD;
}
