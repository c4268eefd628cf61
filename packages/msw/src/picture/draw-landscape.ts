import { colorRamp } from './color-ramp';
import type { IndexedCanvas, Point } from './indexed-canvas';
import type { SceneOptions } from './scene-options';

const moods = [
  { sky: ['#8ec5ff', '#d9f0ff'], hills: ['#7bbf6a', '#4f9a4a', '#2f6b3a'], sun: '#fff3a8' },
  { sky: ['#1d1b4b', '#6b4c9a'], hills: ['#4b3f7a', '#352c5e', '#201a3f'], sun: '#f4f1ff' },
  { sky: ['#ffb88a', '#ffe7b8'], hills: ['#c98a5a', '#9c6440', '#6b3f2a'], sun: '#fff7d6' },
  { sky: ['#7fd3c7', '#e6fff9'], hills: ['#5aa89a', '#3c8275', '#235a52'], sun: '#ffffff' },
];

/**
 * The picture for a prompt no other scene fits: rolling hills, a sun, a few trees, in one of a
 * few colour moods chosen by the seed.
 */
export function drawLandscape(c: IndexedCanvas, rand: () => number, options: SceneOptions): void {
  const { width: w, height: h } = c;
  const tone = options.tone;
  const u = Math.min(w, h);
  const mood = moods[Math.floor(rand() * moods.length)]!;
  c.bands(0, h * 0.7, colorRamp(mood.sky, 10).map(tone));
  c.ellipse(
    w * (0.2 + rand() * 0.6),
    h * (0.15 + rand() * 0.2),
    u * 0.08,
    u * 0.08,
    tone(mood.sun),
  );
  mood.hills.forEach((color, layer) => {
    const base = h * (0.55 + layer * 0.12);
    const amp = h * (0.08 - layer * 0.015);
    const phase = rand() * Math.PI * 2;
    const freq = 1.5 + rand() * 2;
    const points: Point[] = [];
    for (let i = 0; i <= 64; i++) {
      const x = (i / 64) * w;
      points.push([x, base - Math.sin(phase + (i / 64) * Math.PI * freq) * amp]);
    }
    points.push([w, h], [0, h]);
    c.polygon(points, tone(color));
    // Pointed trees along the nearest hills.
    if (layer > 0) {
      for (let t = 0; t < 4; t++) {
        const tx = w * rand();
        const ty = base - Math.sin(phase + (tx / w) * Math.PI * freq) * amp;
        const s = u * (0.03 + layer * 0.01);
        c.polygon(
          [
            [tx, ty - s * 2.2],
            [tx + s * 0.6, ty + s * 0.2],
            [tx - s * 0.6, ty + s * 0.2],
          ],
          tone(mood.hills[2]!),
        );
      }
    }
  });
}
