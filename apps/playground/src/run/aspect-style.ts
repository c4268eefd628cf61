import type { CSSProperties } from 'react';

/** A box of the requested ratio (`16:9` → `16 / 9`), square when none was asked for. */
export function aspectStyle(ratio: string | undefined): CSSProperties {
  const [w, h] = (ratio ?? '1:1').split(':').map(Number);
  return { aspectRatio: `${w ?? 1} / ${h ?? 1}` };
}
