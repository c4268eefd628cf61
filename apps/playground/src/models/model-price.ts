import type { ImageModel } from '@lunos-image/core';
import { formatUsd } from '../format/format-usd';

/** `$0.03 / image` from the catalog's per-output-image price, or undefined when it has none. */
export function modelPrice(model: ImageModel): string | undefined {
  const price = model.pricing.perOutputImage;
  return price === undefined ? undefined : `${formatUsd(price)} / image`;
}
