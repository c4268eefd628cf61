import type { Point } from './indexed-canvas';

/**
 * A mountain ridge by midpoint displacement: 2^depth segments across [0, width], around `baseY`,
 * peaks rising up to `amplitude` above it, closed along the bottom edge at `bottomY`.
 */
export function ridgeLine(
  rand: () => number,
  width: number,
  baseY: number,
  amplitude: number,
  bottomY: number,
  depth = 6,
): Point[] {
  const n = 2 ** depth;
  const heights = new Array<number>(n + 1).fill(0);
  heights[0] = rand();
  heights[n] = rand();
  for (let step = n, scale = 1; step > 1; step /= 2, scale *= 0.55) {
    for (let i = step / 2; i < n; i += step) {
      const mid = (heights[i - step / 2]! + heights[i + step / 2]!) / 2;
      heights[i] = Math.min(1, Math.max(0, mid + (rand() - 0.5) * scale));
    }
  }
  const points: Point[] = heights.map((v, i) => [(i / n) * width, baseY - v * amplitude]);
  points.push([width, bottomY], [0, bottomY]);
  return points;
}
