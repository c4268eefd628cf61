import type { IndexedImage } from '../png/encode-png';

export type Point = readonly [x: number, y: number];

/**
 * A palette raster with just the primitives flat-shaded drawings need. Coordinates are pixels
 * (fractions allowed); colours are `#rrggbb` strings, each given a palette slot on first use.
 * Few colours and long runs are what make the PNGs small.
 */
export class IndexedCanvas {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  private readonly rgb: number[] = [];
  private readonly slots = new Map<string, number>();

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint8Array(width * height);
  }

  /** Palette index of a colour, allocating one if needed. */
  color(hex: string): number {
    const key = hex.toLowerCase();
    const known = this.slots.get(key);
    if (known !== undefined) return known;
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(key);
    if (!m) throw new RangeError(`colour must be #rrggbb, got ${hex}`);
    if (this.slots.size >= 256) throw new RangeError('a palette image holds at most 256 colours');
    const index = this.slots.size;
    this.rgb.push(
      Number.parseInt(m[1]!, 16),
      Number.parseInt(m[2]!, 16),
      Number.parseInt(m[3]!, 16),
    );
    this.slots.set(key, index);
    return index;
  }

  fill(hex: string): void {
    this.pixels.fill(this.color(hex));
  }

  /** Fills pixels whose centres fall inside the rectangle. */
  rect(x: number, y: number, w: number, h: number, hex: string): void {
    const c = this.color(hex);
    const x0 = Math.max(0, Math.round(x));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y0 = Math.max(0, Math.round(y));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++)
      this.pixels.fill(c, row * this.width + x0, row * this.width + x1);
  }

  /** Even-odd scanline fill of a closed polygon. */
  polygon(points: readonly Point[], hex: string): void {
    if (points.length < 3) return;
    const c = this.color(hex);
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const [, y] of points) {
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const yStart = Math.max(0, Math.ceil(minY - 0.5));
    const yEnd = Math.min(this.height - 1, Math.floor(maxY - 0.5));
    const xs: number[] = [];
    for (let row = yStart; row <= yEnd; row++) {
      const sy = row + 0.5;
      xs.length = 0;
      for (let i = 0; i < points.length; i++) {
        const [ax, ay] = points[i]!;
        const [bx, by] = points[(i + 1) % points.length]!;
        if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) {
          xs.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
        }
      }
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) {
        const x0 = Math.max(0, Math.ceil(xs[i]! - 0.5));
        const x1 = Math.min(this.width, Math.ceil(xs[i + 1]! - 0.5));
        if (x1 > x0) this.pixels.fill(c, row * this.width + x0, row * this.width + x1);
      }
    }
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, hex: string): void {
    const c = this.color(hex);
    const y0 = Math.max(0, Math.ceil(cy - ry - 0.5));
    const y1 = Math.min(this.height - 1, Math.floor(cy + ry - 0.5));
    for (let row = y0; row <= y1; row++) {
      const dy = (row + 0.5 - cy) / ry;
      const half = rx * Math.sqrt(Math.max(0, 1 - dy * dy));
      const x0 = Math.max(0, Math.ceil(cx - half - 0.5));
      const x1 = Math.min(this.width, Math.ceil(cx + half - 0.5));
      if (x1 > x0) this.pixels.fill(c, row * this.width + x0, row * this.width + x1);
    }
  }

  /** Horizontal bands between y0 and y1, one per colour: a posterized gradient. */
  bands(y0: number, y1: number, colors: readonly string[]): void {
    const step = (y1 - y0) / colors.length;
    colors.forEach((hex, i) => {
      this.rect(0, y0 + i * step, this.width, step + 1, hex);
    });
  }

  /** Copies another canvas scaled up by an integer factor (nearest neighbour). */
  drawScaled(source: IndexedCanvas, factor: number): void {
    const remap = source.rgbPalette().map((_, i) => i);
    const triples = source.rgbPalette();
    for (let i = 0; i < triples.length; i++) remap[i] = this.color(triples[i]!);
    for (let y = 0; y < this.height; y++) {
      const sy = Math.min(source.height - 1, Math.floor(y / factor));
      for (let x = 0; x < this.width; x++) {
        const sx = Math.min(source.width - 1, Math.floor(x / factor));
        this.pixels[y * this.width + x] = remap[source.pixels[sy * source.width + sx]!]!;
      }
    }
  }

  /** The palette as `#rrggbb` strings, in slot order. */
  rgbPalette(): string[] {
    return [...this.slots.keys()];
  }

  toImage(): IndexedImage {
    return {
      width: this.width,
      height: this.height,
      palette: new Uint8Array(this.rgb.length > 0 ? this.rgb : [0, 0, 0]),
      pixels: this.pixels,
    };
  }
}
