import { estimateImageCost, type ImageModel } from '@lunos-image/core';
import { formatUsd } from '../format/format-usd';

/**
 * The price of one image as the pickers show it: a model priced per megapixel (Images API) says
 * so (`$0.03 / megapixel`); otherwise the price of one 1K image where the catalog's prices allow
 * an estimate (`≈ $0.039 / image`; GPT Image at 1024 × 1024 and high quality), else its
 * image-token price; undefined when the catalog has none of these. The run's billed `usage.cost` is shown when it ends.
 */
export function modelPrice(model: ImageModel): string | undefined {
  const { perImage, perMegapixel, variants } = model.pricing;
  if (perMegapixel !== undefined && perImage === undefined && variants === undefined) {
    return `${formatUsd(perMegapixel)} / megapixel`;
  }
  const estimate = estimateImageCost(model);
  if (estimate !== undefined) return `≈ ${formatUsd(estimate)} / image`;
  const perMillion = model.pricing.imageOutputPerMillionTokens;
  return perMillion === undefined ? undefined : `${formatUsd(perMillion)} / M image tokens`;
}
