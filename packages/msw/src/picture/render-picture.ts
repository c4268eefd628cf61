import { seededRandom } from '../util/seeded-random';
import { drawText, LINE_HEIGHT, measureText, wrapText } from './bitmap-font';
import { drawCity } from './draw-city';
import { drawLandscape } from './draw-landscape';
import { drawLighthouse } from './draw-lighthouse';
import { drawRestaurant } from './draw-restaurant';
import { drawSunset } from './draw-sunset';
import { encodeImage, type ImageFormat } from './encode-image';
import { IndexedCanvas } from './indexed-canvas';
import { type SceneOptions, watercolorTone } from './scene-options';

const scenes = {
  sunset: drawSunset,
  restaurant: drawRestaurant,
  city: drawCity,
  lighthouse: drawLighthouse,
  landscape: drawLandscape,
} satisfies Record<string, (c: IndexedCanvas, rand: () => number, o: SceneOptions) => void>;

export type SceneName = keyof typeof scenes;
export const SCENE_NAMES = Object.keys(scenes) as SceneName[];

export interface PictureSpec {
  width: number;
  height: number;
  scene: SceneName;
  /** Same seed, same picture. */
  seed: number;
  /** `watercolor` washes every colour out and adds paper grain. */
  style?: 'flat' | 'watercolor';
  /**
   * A coarse, blocky version at the same size: what a progressive preview looks like before the
   * final image. `true` draws blocks of 8 px; a number, blocks of that many px (larger: coarser).
   */
  draft?: boolean | number;
  /** Text drawn on a banner along the bottom edge (the synthesized answers echo the prompt). */
  caption?: string;
  /** Small text in the top-left corner. */
  label?: string;
  /** The file format; default PNG. */
  format?: ImageFormat;
}

const draftFactor = 8;

function drawScene(canvas: IndexedCanvas, spec: PictureSpec): void {
  const tone = spec.style === 'watercolor' ? watercolorTone : (hex: string) => hex;
  scenes[spec.scene](canvas, seededRandom(spec.seed), { tone });
  if (spec.style === 'watercolor') {
    const rand = seededRandom(spec.seed ^ 0x5eed);
    const grain = Math.round((canvas.width * canvas.height) / 5000);
    const dot = Math.max(1, Math.round(Math.min(canvas.width, canvas.height) / 400));
    for (let i = 0; i < grain; i++) {
      canvas.rect(rand() * canvas.width, rand() * canvas.height, dot, dot, '#efe6d6');
    }
  }
}

function drawCaption(canvas: IndexedCanvas, caption: string): void {
  const { width: w, height: h } = canvas;
  const scale = Math.max(1, Math.floor(Math.min(w, h * 1.5) / 260));
  const maxChars = Math.max(8, Math.floor((w * 0.92) / (6 * scale)));
  const lines = wrapText(caption, maxChars, 2);
  const pad = 4 * scale;
  const bandH = lines.length * LINE_HEIGHT * scale + pad * 2;
  canvas.rect(0, h - bandH, w, bandH, '#16161d');
  lines.forEach((line, i) => {
    const x = (w - measureText(line, scale)) / 2;
    drawText(canvas, line, x, h - bandH + pad + i * LINE_HEIGHT * scale + scale, scale, '#f4f4f6');
  });
}

function drawLabel(canvas: IndexedCanvas, label: string): void {
  const scale = Math.max(1, Math.floor(Math.min(canvas.width, canvas.height) / 400));
  const pad = 3 * scale;
  const width = measureText(label, scale) + pad * 2;
  canvas.rect(pad, pad, width, 7 * scale + pad * 2, '#16161d');
  drawText(canvas, label, pad * 2, pad * 2, scale, '#f6d36b');
}

/** Draws a deterministic picture and encodes it (PNG unless `format` says). Runs in browsers and Node alike. */
export async function renderPicture(spec: PictureSpec): Promise<Uint8Array> {
  const { width, height } = spec;
  if (!(spec.scene in scenes)) throw new RangeError(`unknown scene ${String(spec.scene)}`);
  const canvas = new IndexedCanvas(width, height);
  if (spec.draft) {
    const factor = spec.draft === true ? draftFactor : Math.max(1, Math.round(spec.draft));
    const small = new IndexedCanvas(Math.ceil(width / factor), Math.ceil(height / factor));
    drawScene(small, spec);
    canvas.drawScaled(small, factor);
  } else {
    drawScene(canvas, spec);
  }
  if (spec.caption) drawCaption(canvas, spec.caption);
  if (spec.label) drawLabel(canvas, spec.label);
  return encodeImage(canvas.toImage(), spec.format ?? 'png');
}
