/** What every scene drawer receives besides the canvas and the random source. */
export interface SceneOptions {
  /** Maps each colour before use; the watercolour style lightens every colour through it. */
  tone: (hex: string) => string;
}

/** Mixes a colour towards paper white: the flat, washed look of a watercolour. */
export function watercolorTone(hex: string): string {
  const paper = [0xfb, 0xf6, 0xee];
  const mix = 0.42;
  const parts = [1, 3, 5].map((i, k) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16);
    return Math.round(v + (paper[k]! - v) * mix)
      .toString(16)
      .padStart(2, '0');
  });
  return `#${parts.join('')}`;
}
