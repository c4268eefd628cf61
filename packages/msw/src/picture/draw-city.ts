import { colorRamp } from './color-ramp';
import type { IndexedCanvas } from './indexed-canvas';
import type { SceneOptions } from './scene-options';

/** A futuristic city at night: glowing towers, spires, a monorail and flying cars. */
export function drawCity(c: IndexedCanvas, rand: () => number, options: SceneOptions): void {
  const { width: w, height: h } = c;
  const tone = options.tone;
  const u = Math.min(w, h);
  const ground = h * 0.86;
  c.bands(
    0,
    ground,
    colorRamp(['#070a22', '#141a4a', '#2b2473', '#6d2c86', '#c0418f'], 14).map(tone),
  );
  for (let i = 0; i < 90; i++) {
    const s = Math.max(1, u * 0.003);
    c.rect(rand() * w, rand() * h * 0.45, s, s, tone('#ffffff'));
  }
  c.ellipse(w * 0.82, h * 0.16, u * 0.07, u * 0.07, tone('#e8ecff'));
  c.ellipse(w * 0.8, h * 0.14, u * 0.015, u * 0.012, tone('#c9cfee'));
  c.ellipse(w * 0.84, h * 0.19, u * 0.01, u * 0.008, tone('#c9cfee'));
  // Far skyline: flat silhouettes.
  for (let x = 0; x < w; ) {
    const bw = u * (0.04 + rand() * 0.06);
    const bh = h * (0.2 + rand() * 0.3);
    c.rect(x, ground - bh, bw, bh, tone('#2a2f6b'));
    x += bw * (0.8 + rand() * 0.4);
  }
  // Near towers with lit windows, some with spires and neon signs.
  for (let x = -u * 0.02; x < w; ) {
    const bw = u * (0.07 + rand() * 0.09);
    const bh = h * (0.25 + rand() * 0.45);
    const top = ground - bh;
    c.rect(x, top, bw, bh, tone('#171a40'));
    if (rand() < 0.4) {
      c.polygon(
        [
          [x + bw * 0.2, top],
          [x + bw * 0.8, top],
          [x + bw * 0.5, top - bh * 0.25],
        ],
        tone('#171a40'),
      );
      c.rect(x + bw * 0.5 - u * 0.002, top - bh * 0.33, u * 0.004, bh * 0.1, tone('#171a40'));
      c.ellipse(x + bw * 0.5, top - bh * 0.33, u * 0.005, u * 0.005, tone('#ff4d6d'));
    }
    const cell = u * 0.022;
    for (let wy = top + cell; wy < ground - cell; wy += cell * 1.6) {
      for (let wx = x + cell * 0.6; wx < x + bw - cell; wx += cell * 1.3) {
        const r = rand();
        if (r < 0.35) c.rect(wx, wy, cell * 0.7, cell * 0.9, tone(r < 0.2 ? '#ffd166' : '#5ff3ff'));
      }
    }
    if (rand() < 0.35) {
      c.rect(
        x + bw * 0.15,
        top + bh * 0.15,
        bw * 0.7,
        u * 0.02,
        tone(rand() < 0.5 ? '#ff5fa2' : '#5ff3ff'),
      );
    }
    x += bw + u * (0.01 + rand() * 0.03);
  }
  // Monorail: a track on pillars and a train.
  const rail = h * 0.7;
  c.rect(0, rail, w, u * 0.014, tone('#39407a'));
  for (let x = w * 0.05; x < w; x += w * 0.18)
    c.rect(x, rail, u * 0.012, ground - rail, tone('#39407a'));
  const trainX = w * (0.2 + rand() * 0.4);
  c.rect(trainX, rail - u * 0.035, w * 0.22, u * 0.035, tone('#e0e6ff'));
  c.rect(trainX + u * 0.01, rail - u * 0.028, w * 0.22 - u * 0.02, u * 0.01, tone('#5ff3ff'));
  // Flying cars with light trails.
  for (let i = 0; i < 7; i++) {
    const cx = w * rand();
    const cy = h * (0.25 + rand() * 0.35);
    const color = rand() < 0.5 ? '#ff5fa2' : '#5ff3ff';
    c.rect(cx - u * 0.12, cy - u * 0.002, u * 0.12, u * 0.004, tone(color));
    c.ellipse(cx, cy, u * 0.018, u * 0.007, tone('#e0e6ff'));
    c.ellipse(cx, cy - u * 0.004, u * 0.008, u * 0.004, tone(color));
  }
  c.rect(0, ground, w, h - ground, tone('#0d0f24'));
  for (let x = 0; x < w; x += u * 0.08)
    c.rect(x, ground + (h - ground) * 0.5, u * 0.04, u * 0.004, tone('#ffd166'));
}
