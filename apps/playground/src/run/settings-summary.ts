/** What a run asked for, as a form or a request holds it. */
export interface RunSettings {
  aspectRatio?: string | undefined;
  imageSize?: string | undefined;
  n?: number | undefined;
  quality?: string | undefined;
  outputFormat?: string | undefined;
  background?: string | undefined;
}

/**
 * The settings of a run in a few words: `16:9 1K` (empty when the model's defaults applied), then
 * what the Images API adds when it was asked for: `4 images`, `quality high`, `WEBP`,
 * `transparent background`.
 */
export function settingsSummary(s: RunSettings): string[] {
  const frame = [s.aspectRatio, s.imageSize].filter(Boolean).join(' ');
  return [
    frame,
    s.n !== undefined && s.n > 1 ? `${s.n} images` : '',
    s.quality ? `quality ${s.quality}` : '',
    s.outputFormat ? s.outputFormat.toUpperCase() : '',
    s.background ? `${s.background} background` : '',
  ].filter(Boolean);
}
