import { type AspectRatio, type ImageSize, imagePixelSize } from '@lunos-image/core';

/** Azure MAI Image's own table (api-wire-format.md §2.3): a subset of ratios, other sizes. */
const MAI_PIXELS: Readonly<Record<string, readonly [number, number]>> = {
  '1:1': [1024, 1024],
  '4:3': [1024, 768],
  '3:4': [768, 1024],
  '16:9': [1365, 768],
  '9:16': [768, 1365],
  '3:2': [1152, 768],
  '2:3': [768, 1152],
};

/** Pixel size a model returns for a ratio and size (defaults `1:1`, `1K`). */
export function imageDimensions(
  model: string,
  aspectRatio: AspectRatio = '1:1',
  imageSize: ImageSize = '1K',
): { width: number; height: number } {
  const mai = /(^|\/)microsoft\/mai-image/.test(model) ? MAI_PIXELS[aspectRatio] : undefined;
  if (mai) return { width: mai[0], height: mai[1] };
  return imagePixelSize(aspectRatio, imageSize);
}
