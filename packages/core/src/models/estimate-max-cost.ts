import type { GenerateImageVariables } from '../request/generate-image-variables';
import { estimateImageCost } from './estimate-image-cost';
import type { ImageModel } from './image-model';

/** What a generation asks for that its price depends on, as the variables name it. */
export type CostedVariables = Pick<
  GenerateImageVariables,
  'n' | 'size' | 'imageSize' | 'aspectRatio' | 'quality' | 'imageConfig'
>;

/** How the route handler prices what the catalogue does not: `limits.spend`'s own option. */
export interface MaxCostOptions {
  /** The price of one image of a model the catalogue gives no price for (`limits.spend.unpricedUsd`). */
  unpricedUsd?: number | undefined;
}

/**
 * The most a generation can cost in USD: what the route handler's `limits.spend` reserves before
 * sending it, and what an app shows before Generate, one function for both. `estimateImageCost`
 * for the model, `n`, size and quality asked for (an aspect ratio the price table does not know,
 * `auto` or a new one, priced as a square of the tier); a model without a price (or none at all)
 * costs `unpricedUsd` per image. `undefined` when neither says: the handler refuses such a model.
 */
export function estimateMaxCost(
  model: ImageModel | undefined,
  variables: CostedVariables,
  options: MaxCostOptions = {},
): number | undefined {
  const config = variables.imageConfig ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const costOptions = {
    n: variables.n,
    size: variables.size,
    imageSize:
      variables.imageSize ??
      (text(config.image_size) as NonNullable<CostedVariables['imageSize']> | undefined),
    aspectRatio:
      variables.aspectRatio ??
      (text(config.aspect_ratio) as NonNullable<CostedVariables['aspectRatio']> | undefined),
    quality: variables.quality,
  };
  let cost: number | undefined;
  if (model) {
    try {
      cost = estimateImageCost(model, costOptions);
    } catch {
      cost = estimateImageCost(model, { ...costOptions, aspectRatio: undefined });
    }
  }
  if (cost !== undefined || options.unpricedUsd === undefined) return cost;
  return Number((options.unpricedUsd * (variables.n ?? 1)).toPrecision(12));
}
