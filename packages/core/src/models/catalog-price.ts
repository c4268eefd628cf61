import type { ImageModelPricing } from './image-model';

/**
 * A catalog price (a string or a number, USD per unit) as a number, times `scale`; negative means
 * "varies" (routers) and is dropped, like anything that is not a finite number.
 */
export function catalogPrice(
  value: string | number | null | undefined,
  scale = 1,
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0) return undefined;
  // 0.0000005 * 1e6 is 0.49999999999999994 in binary floating point.
  return Number((n * scale).toPrecision(12));
}

/** The pricing without its `undefined` entries (exactOptionalPropertyTypes: absent, not unset). */
export function compactPricing(
  pricing: {
    [K in keyof ImageModelPricing]?: ImageModelPricing[K] | undefined;
  },
): ImageModelPricing {
  return Object.fromEntries(Object.entries(pricing).filter(([, v]) => v !== undefined));
}
