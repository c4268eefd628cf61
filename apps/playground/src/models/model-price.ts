import { estimateImageCost, type ImageModel } from '@lunos-image/core';
import { formatUsd } from '../format/format-usd';

/**
 * The price of one 1K image where the catalog's per-token price and the model's reported image
 * tokens allow an estimate (`≈ $0.039 / image`), else its image-token price; undefined when the
 * catalog has neither. The run's billed `usage.cost` is shown when it ends.
 */
export function modelPrice(model: ImageModel): string | undefined {
  const perImage = estimateImageCost(model);
  if (perImage !== undefined) return `≈ ${formatUsd(perImage)} / image`;
  const perMillion = model.pricing.imageOutputPerMillionTokens;
  return perMillion === undefined ? undefined : `${formatUsd(perMillion)} / M image tokens`;
}
