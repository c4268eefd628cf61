import { ASPECT_RATIOS, type AspectRatio, imagePixelSize } from '@lunos-image/core';
import type { ImageSizing } from './mock-image-models';

// The `aspect_ratio` values the Images API takes: core's list, so mock and client agree.
export { IMAGES_ASPECT_RATIOS } from '@lunos-image/core';

/** The `resolution` tiers, and the side of a square image of each relative to 1024. */
export const IMAGES_RESOLUTIONS = { '512': 0.5, '1K': 1, '2K': 2, '4K': 4 } as const;
export type ImagesResolution = keyof typeof IMAGES_RESOLUTIONS;

export interface PixelSize {
  width: number;
  height: number;
}

/** `19.5:9` → [13, 6]: the ratio as the smallest pair of integers. */
export function ratioParts(ratio: string): [number, number] {
  const [a, b] = ratio.split(':').map(Number) as [number, number];
  let scale = 1;
  while (!Number.isInteger(a * scale) || !Number.isInteger(b * scale)) scale *= 10;
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const d = gcd(a * scale, b * scale);
  return [(a * scale) / d, (b * scale) / d];
}

/** The resolution tier nearest to a pixel size (by the side of the square of the same area). */
export function resolutionOf({ width, height }: PixelSize): ImagesResolution {
  const side = Math.sqrt(width * height) / 1024;
  let best: ImagesResolution = '1K';
  for (const [tier, scale] of Object.entries(IMAGES_RESOLUTIONS) as [ImagesResolution, number][]) {
    if (Math.abs(Math.log(side / scale)) < Math.abs(Math.log(side / IMAGES_RESOLUTIONS[best])))
      best = tier;
  }
  return best;
}

/** Exactly `ratio`, with about (1024 × the tier's scale)² pixels. */
function exactSize(ratio: string, resolution: ImagesResolution): PixelSize {
  const [a, b] = ratioParts(ratio);
  const k = Math.max(1, Math.round((1024 * IMAGES_RESOLUTIONS[resolution]) / Math.sqrt(a * b)));
  return { width: a * k, height: b * k };
}

/** The entry of a fixed size table closest to `ratio` (models clamp to the sizes they have). */
function nearestInTable(
  sizes: Readonly<Record<string, readonly [number, number]>>,
  ratio: string,
): PixelSize {
  const [a, b] = ratioParts(ratio);
  const distance = ([w, h]: readonly [number, number]) => Math.abs(Math.log(w / h / (a / b)));
  const [width, height] = Object.values(sizes).reduce((best, next) =>
    distance(next) < distance(best) ? next : best,
  );
  return { width, height };
}

const GEMINI_TABLE_SIZES = { '512': '0.5K', '1K': '1K', '2K': '2K', '4K': '4K' } as const;

/**
 * The pixel size a model draws for an aspect ratio (`auto` and none: 1:1) and a resolution
 * tier (none: 1K).
 */
export function imagesPixelSize(
  sizing: ImageSizing,
  ratio: string = '1:1',
  resolution: ImagesResolution = '1K',
): PixelSize {
  const r = ratio === 'auto' ? '1:1' : ratio;
  switch (sizing.kind) {
    case 'gemini': {
      // Gemini's documented table; ratios it does not list are drawn exactly.
      return (ASPECT_RATIOS as readonly string[]).includes(r)
        ? imagePixelSize(r as AspectRatio, GEMINI_TABLE_SIZES[resolution])
        : exactSize(r, resolution);
    }
    case 'table':
      return nearestInTable(sizing.sizes, r);
    case 'exact':
      return exactSize(r, resolution);
    default: {
      const unknown: never = sizing;
      throw new Error(`unhandled sizing ${JSON.stringify(unknown)}`);
    }
  }
}
