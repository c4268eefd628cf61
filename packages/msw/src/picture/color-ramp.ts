/** `n` colours evenly spread through the given stops: the bands of a posterized gradient. */
export function colorRamp(stops: readonly string[], n: number): string[] {
  const rgb = stops.map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : (i / (n - 1)) * (rgb.length - 1);
    const k = Math.min(rgb.length - 2, Math.floor(t));
    const f = t - k;
    const a = rgb[k]!;
    const b = rgb[Math.min(rgb.length - 1, k + 1)]!;
    out.push(
      `#${a
        .map((v, j) =>
          Math.round(v + (b[j]! - v) * f)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`,
    );
  }
  return out;
}
