import type { IndexedCanvas } from './indexed-canvas';

/** Distant birds as thin chevrons, scattered by `rand` inside the box (fractions of the canvas). */
export function drawBirds(
  c: IndexedCanvas,
  rand: () => number,
  count: number,
  box: { x: number; y: number; w: number; h: number },
  size: number,
  hex: string,
): void {
  for (let i = 0; i < count; i++) {
    const bx = c.width * (box.x + rand() * box.w);
    const by = c.height * (box.y + rand() * box.h);
    c.polygon(
      [
        [bx - size, by - size * 0.4],
        [bx, by],
        [bx + size, by - size * 0.4],
        [bx, by + size * 0.25],
      ],
      hex,
    );
  }
}
