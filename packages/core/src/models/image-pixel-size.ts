import type { AspectRatio, ImageSize } from '../schemas/image-config-values';

// The documented 1K sizes (api-wire-format §2.3). The extended ratios are not documented; these
// keep roughly the same pixel count.
const ONE_K: Record<AspectRatio, readonly [number, number]> = {
  '1:1': [1024, 1024],
  '2:3': [832, 1248],
  '3:2': [1248, 832],
  '3:4': [864, 1184],
  '4:3': [1184, 864],
  '4:5': [896, 1152],
  '5:4': [1152, 896],
  '9:16': [768, 1344],
  '16:9': [1344, 768],
  '21:9': [1536, 672],
  '1:4': [512, 2048],
  '4:1': [2048, 512],
  '1:8': [384, 3072],
  '8:1': [3072, 384],
};

const SCALE: Record<ImageSize, number> = { '0.5K': 0.5, '1K': 1, '2K': 2, '4K': 4 };

/** The pixel size the API returns for an aspect ratio and size (defaults: `1:1`, `1K`). */
export function imagePixelSize(
  aspectRatio: AspectRatio = '1:1',
  imageSize: ImageSize = '1K',
): { width: number; height: number } {
  const [w, h] = ONE_K[aspectRatio];
  const scale = SCALE[imageSize];
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}
