import type { IndexedCanvas, Point } from './indexed-canvas';
import type { SceneOptions } from './scene-options';

/** A crescent (a banana, seen from above) between two arcs around (cx, cy). */
function crescent(cx: number, cy: number, r: number, thickness: number, tilt: number): Point[] {
  const outer: Point[] = [];
  const inner: Point[] = [];
  const from = Math.PI * 0.15 + tilt;
  const to = Math.PI * 0.85 + tilt;
  const steps = 24;
  for (let i = 0; i <= steps; i++) {
    const a = from + ((to - from) * i) / steps;
    // The inner arc is offset downwards, so the crescent is thick in the middle and thin at the tips.
    outer.push([cx + Math.cos(a) * r, cy + Math.sin(a) * r * 0.55]);
    inner.unshift([cx + Math.cos(a) * r * 0.9, cy - thickness + Math.sin(a) * r * 0.42]);
  }
  return [...outer, ...inner];
}

/** A fancy restaurant table at night with a tiny banana dish, a wine glass and a candle. */
export function drawRestaurant(c: IndexedCanvas, rand: () => number, options: SceneOptions): void {
  const { width: w, height: h } = c;
  const tone = options.tone;
  const u = Math.min(w, h);
  const wallEnd = h * 0.6;
  c.rect(0, 0, w, wallEnd, tone('#6b2d2a'));
  // Light cones of the hanging lamps, drawn on the wall before anything stands in front of them.
  const lamps = [0.22, 0.5, 0.78];
  for (const lx of lamps) {
    c.polygon(
      [
        [w * lx - u * 0.04, h * 0.2],
        [w * lx + u * 0.04, h * 0.2],
        [w * lx + u * 0.2, wallEnd],
        [w * lx - u * 0.2, wallEnd],
      ],
      tone('#84392f'),
    );
  }
  c.rect(0, h * 0.52, w, wallEnd - h * 0.52, tone('#3d1f1a'));
  c.rect(0, h * 0.515, w, h * 0.01, tone('#c9a23a'));
  // Window onto the night.
  const wx = w * 0.06;
  const wy = h * 0.1;
  const ww = w * 0.16;
  const wh = h * 0.36;
  c.rect(wx - u * 0.012, wy - u * 0.012, ww + u * 0.024, wh + u * 0.024, tone('#2b1a14'));
  c.rect(wx, wy, ww, wh, tone('#1b2a4a'));
  c.ellipse(wx + ww * 0.7, wy + wh * 0.25, u * 0.03, u * 0.03, tone('#f3f0d8'));
  for (let i = 0; i < 12; i++) {
    c.rect(wx + rand() * ww, wy + rand() * wh * 0.8, u * 0.004, u * 0.004, tone('#e8ecff'));
  }
  c.rect(wx + ww / 2 - u * 0.006, wy, u * 0.012, wh, tone('#2b1a14'));
  c.rect(wx, wy + wh / 2 - u * 0.006, ww, u * 0.012, tone('#2b1a14'));
  // A framed painting: a little landscape.
  const px = w * 0.72;
  const py = h * 0.12;
  c.rect(px - u * 0.015, py - u * 0.015, w * 0.18 + u * 0.03, h * 0.2 + u * 0.03, tone('#c9a23a'));
  c.rect(px, py, w * 0.18, h * 0.12, tone('#8fb8d8'));
  c.rect(px, py + h * 0.12, w * 0.18, h * 0.08, tone('#5f8f4e'));
  c.ellipse(px + w * 0.05, py + h * 0.06, u * 0.02, u * 0.02, tone('#f6d36b'));
  // Hanging lamps: cord and shade.
  for (const lx of lamps) {
    c.rect(w * lx - u * 0.002, 0, u * 0.004, h * 0.14, tone('#1c0f0c'));
    c.polygon(
      [
        [w * lx - u * 0.02, h * 0.14],
        [w * lx + u * 0.02, h * 0.14],
        [w * lx + u * 0.05, h * 0.2],
        [w * lx - u * 0.05, h * 0.2],
      ],
      tone('#e8b04a'),
    );
    c.ellipse(w * lx, h * 0.2, u * 0.05, u * 0.008, tone('#fff1c4'));
  }
  // Floor: rows of tiles, larger towards the viewer.
  let y = wallEnd;
  let row = 0;
  while (y < h) {
    const th = h * 0.03 * (1 + row * 0.45);
    const tw = th * 2.2;
    for (let x = 0, k = 0; x < w; x += tw, k++) {
      c.rect(x, y, tw, th, tone((k + row) % 2 === 0 ? '#d8c7a8' : '#8a6f55'));
    }
    y += th;
    row++;
  }
  // Chairs at both sides.
  for (const side of [-1, 1]) {
    const cx = w / 2 + side * w * 0.36;
    c.polygon(
      [
        [cx - u * 0.06, h * 0.42],
        [cx + u * 0.06, h * 0.42],
        [cx + u * 0.07, h * 0.95],
        [cx - u * 0.07, h * 0.95],
      ],
      tone('#3a2418'),
    );
  }
  // Table: cloth skirt and top.
  const tx = w / 2;
  const ty = h * 0.66;
  const trx = w * 0.3;
  const tr = h * 0.1;
  c.rect(tx - trx, ty, trx * 2, h * 0.3, tone('#e9e2d4'));
  c.ellipse(tx, ty + h * 0.3, trx, tr * 0.4, tone('#e9e2d4'));
  c.ellipse(tx, ty, trx, tr, tone('#f7f3ea'));
  // Plate, sauce swoosh, the tiny banana, mint leaves.
  c.ellipse(tx, ty + h * 0.01, u * 0.2, u * 0.065, tone('#ffffff'));
  c.ellipse(tx, ty + h * 0.01, u * 0.15, u * 0.046, tone('#eef1f4'));
  c.ellipse(tx - u * 0.02, ty + h * 0.02, u * 0.1, u * 0.012, tone('#b8452f'));
  const banana = crescent(tx, ty - u * 0.01, u * 0.09, u * 0.035, -0.1);
  c.polygon(banana, tone('#f5d33b'));
  c.polygon(crescent(tx, ty - u * 0.01, u * 0.09, u * 0.012, -0.1), tone('#e0b82a'));
  const [tipA] = banana;
  const tipB = banana[24]!;
  c.ellipse(tipA![0], tipA![1], u * 0.006, u * 0.006, tone('#6b4a1e'));
  c.ellipse(tipB[0], tipB[1], u * 0.006, u * 0.006, tone('#6b4a1e'));
  for (let i = 0; i < 3; i++) {
    c.ellipse(tx + u * (0.07 + i * 0.018), ty - u * 0.028, u * 0.012, u * 0.006, tone('#3f8f4a'));
  }
  for (let i = 0; i < 5; i++) {
    c.ellipse(tx - u * 0.11 + i * u * 0.012, ty + u * 0.03, u * 0.004, u * 0.003, tone('#b8452f'));
  }
  // Wine glass.
  const gx = tx + w * 0.18;
  c.ellipse(gx, ty - u * 0.13, u * 0.035, u * 0.05, tone('#d9e6ee'));
  c.ellipse(gx, ty - u * 0.115, u * 0.03, u * 0.03, tone('#7a1530'));
  c.rect(gx - u * 0.003, ty - u * 0.09, u * 0.006, u * 0.08, tone('#d9e6ee'));
  c.ellipse(gx, ty - u * 0.01, u * 0.025, u * 0.007, tone('#d9e6ee'));
  // Candle.
  const cx = tx - w * 0.17;
  c.rect(cx - u * 0.01, ty - u * 0.09, u * 0.02, u * 0.08, tone('#f7f1e1'));
  c.ellipse(cx, ty - u * 0.105, u * 0.007, u * 0.016, tone('#ffcf4a'));
  c.ellipse(cx, ty - u * 0.1, u * 0.003, u * 0.007, tone('#fff6d6'));
}
