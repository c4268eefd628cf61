import type { ImageSize } from '../schemas/image-config-schema';
import { capabilitiesOf } from './capabilities-of';
import type { ImageModel } from './image-model';

/**
 * What one generated image costs in USD, estimated from the catalog's per-token image price and
 * the image tokens the model is reported to bill at that size; `undefined` when either is unknown
 * (the billed `usage.cost` of a run is always the real figure).
 */
export function estimateImageCost(
  model: ImageModel,
  imageSize: ImageSize = '1K',
): number | undefined {
  const tokens = capabilitiesOf(model).imageTokens?.[imageSize];
  const perMillion =
    model.pricing.imageOutputPerMillionTokens ?? model.pricing.outputPerMillionTokens;
  if (tokens === undefined || perMillion === undefined) return undefined;
  const perRequest = model.pricing.perRequest ?? 0;
  return Number(((tokens * perMillion) / 1e6 + perRequest).toPrecision(12));
}
