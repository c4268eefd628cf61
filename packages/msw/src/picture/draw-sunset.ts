import { colorRamp } from './color-ramp';
import { drawBirds } from './draw-birds';
import type { IndexedCanvas } from './indexed-canvas';
import { ridgeLine } from './ridge-line';
import type { SceneOptions } from './scene-options';

/** A sun setting behind three ranges of mountains, under a banded orange-to-violet sky. */
export function drawSunset(c: IndexedCanvas, rand: () => number, options: SceneOptions): void {
  const { width: w, height: h } = c;
  const tone = options.tone;
  const horizon = h * 0.64;
  c.bands(
    0,
    horizon,
    colorRamp(['#24163f', '#5b2669', '#a33a6b', '#e26a4c', '#f6ae45', '#fde08a'], 16).map(tone),
  );
  const r = Math.min(w, h) * 0.13;
  const sunX = w * (0.42 + rand() * 0.16);
  c.ellipse(sunX, horizon - r * 0.55, r * 1.45, r * 1.45, tone('#fcd77a'));
  c.ellipse(sunX, horizon - r * 0.55, r, r, tone('#fff3b0'));
  for (let i = 0; i < 5; i++) {
    const cy = h * (0.08 + rand() * 0.32);
    const cx = w * rand();
    c.ellipse(cx, cy, w * (0.08 + rand() * 0.1), h * (0.008 + rand() * 0.01), tone('#d0607a'));
  }
  const lake = h * 0.84;
  const layers = [
    { base: horizon - h * 0.04, amp: h * 0.3, color: '#7a3b6e', snow: '#f1d2e2' },
    { base: horizon + h * 0.07, amp: h * 0.2, color: '#4f2a5e', snow: undefined },
    { base: horizon + h * 0.15, amp: h * 0.1, color: '#2a1a3d', snow: undefined },
  ];
  for (const layer of layers) {
    const ridge = ridgeLine(rand, w, layer.base, layer.amp, lake, 6);
    c.polygon(ridge, tone(layer.color));
    if (layer.snow) {
      // Snow caps: a small triangle under each local peak high enough.
      for (let i = 1; i < ridge.length - 3; i++) {
        const [px, py] = ridge[i]!;
        const [, ly] = ridge[i - 1]!;
        const [, ry] = ridge[i + 1]!;
        if (py < ly && py < ry && py < layer.base - layer.amp * 0.55) {
          const s = layer.amp * 0.07;
          c.polygon(
            [
              [px, py],
              [px + s, py + s * 1.3],
              [px - s, py + s * 1.3],
            ],
            tone(layer.snow),
          );
        }
      }
    }
  }
  // A still lake: darker bands of the sky, with the sun's reflection as broken stripes.
  c.bands(lake, h, colorRamp(['#6b3566', '#3a1f4a', '#24163f'], 5).map(tone));
  for (let y = lake + h * 0.01; y < h; y += h * 0.018) {
    const spread = r * (1.2 - (y - lake) / (h - lake)) * (0.6 + rand() * 0.5);
    c.rect(sunX - spread, y, spread * 2, Math.max(1, h * 0.005), tone('#f6ae45'));
  }
  drawBirds(
    c,
    rand,
    4,
    { x: 0.15, y: 0.15, w: 0.7, h: 0.2 },
    Math.max(3, w * 0.012),
    tone('#2a1a3d'),
  );
}
