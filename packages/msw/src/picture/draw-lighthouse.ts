import { colorRamp } from './color-ramp';
import { drawBirds } from './draw-birds';
import type { IndexedCanvas } from './indexed-canvas';
import type { SceneOptions } from './scene-options';

/** A striped lighthouse on a cliff at dawn, its beam over a calm sea. */
export function drawLighthouse(c: IndexedCanvas, rand: () => number, options: SceneOptions): void {
  const { width: w, height: h } = c;
  const tone = options.tone;
  const u = Math.min(w, h);
  const horizon = h * 0.58;
  c.bands(0, horizon, colorRamp(['#2d3e6e', '#7a7fa8', '#e9b7a6', '#f8dcaa'], 12).map(tone));
  c.ellipse(w * 0.22, horizon, u * 0.09, u * 0.09, tone('#ffd27a'));
  c.bands(horizon, h, colorRamp(['#3b5f8a', '#1f3556'], 8).map(tone));
  for (let i = 0; i < 26; i++) {
    const y = horizon + (h - horizon) * rand();
    c.ellipse(w * rand(), y, u * (0.02 + rand() * 0.05), Math.max(1, u * 0.003), tone('#a9c4dd'));
  }
  for (let y = horizon + u * 0.01; y < h; y += u * 0.025) {
    c.rect(
      w * 0.22 - u * 0.06,
      y,
      u * 0.12 * (0.5 + rand() * 0.5),
      Math.max(1, u * 0.005),
      tone('#f6c77a'),
    );
  }
  // Cliff with grass on top.
  const cliffTop = h * 0.5;
  c.polygon(
    [
      [w * 0.52, h],
      [w * 0.6, cliffTop + h * 0.06],
      [w * 0.68, cliffTop],
      [w, cliffTop - h * 0.02],
      [w, h],
    ],
    tone('#4a4548'),
  );
  c.polygon(
    [
      [w * 0.6, h],
      [w * 0.66, cliffTop + h * 0.12],
      [w, cliffTop + h * 0.1],
      [w, h],
    ],
    tone('#3a3539'),
  );
  c.polygon(
    [
      [w * 0.6, cliffTop + h * 0.06],
      [w * 0.68, cliffTop - h * 0.012],
      [w, cliffTop - h * 0.035],
      [w, cliffTop + h * 0.01],
      [w * 0.68, cliffTop + h * 0.02],
    ],
    tone('#4f7a3a'),
  );
  // Beam, then the tower over it.
  const lx = w * 0.8;
  const lampY = cliffTop - h * 0.4;
  c.polygon(
    [
      [lx, lampY - u * 0.01],
      [0, lampY - h * 0.12],
      [0, lampY + h * 0.05],
      [lx, lampY + u * 0.01],
    ],
    tone('#f3dfae'),
  );
  const base = cliffTop - h * 0.02;
  const towerH = base - lampY - u * 0.05;
  const stripes = 6;
  for (let i = 0; i < stripes; i++) {
    const y0 = base - (towerH * i) / stripes;
    const y1 = base - (towerH * (i + 1)) / stripes;
    const half = (y: number) => u * (0.045 - (0.02 * (base - y)) / towerH);
    c.polygon(
      [
        [lx - half(y0), y0],
        [lx + half(y0), y0],
        [lx + half(y1), y1],
        [lx - half(y1), y1],
      ],
      tone(i % 2 === 0 ? '#c8393b' : '#f2efe9'),
    );
  }
  const gallery = base - towerH;
  c.rect(lx - u * 0.04, gallery - u * 0.008, u * 0.08, u * 0.012, tone('#2b2b33'));
  c.rect(lx - u * 0.022, gallery - u * 0.05, u * 0.044, u * 0.042, tone('#ffe9a0'));
  c.polygon(
    [
      [lx - u * 0.03, gallery - u * 0.05],
      [lx + u * 0.03, gallery - u * 0.05],
      [lx, gallery - u * 0.085],
    ],
    tone('#c8393b'),
  );
  drawBirds(c, rand, 3, { x: 0.3, y: 0.12, w: 0.3, h: 0.2 }, u * 0.015, tone('#2d3e6e'));
}
