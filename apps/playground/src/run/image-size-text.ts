import type { RunImage } from '../gallery/run-record';

/** `1344 × 768`, read from the image's header; `size unknown` without one. */
export function imageSizeText(image: RunImage): string {
  return image.width !== undefined && image.height !== undefined
    ? `${image.width} × ${image.height}`
    : 'size unknown';
}
