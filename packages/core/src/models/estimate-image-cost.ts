import type { AspectRatio, ImageSize } from '../schemas/image-config-schema';
import { capabilitiesOf } from './capabilities-of';
import type { ImageModel, ImageModelPricing } from './image-model';
import { imagePixelSize } from './image-pixel-size';

export interface ImageCostOptions {
  /** Default `1K`; `512` is the Images API's name for `0.5K`. */
  imageSize?: ImageSize | '512' | undefined;
  /** For per-megapixel prices; default `1:1`. */
  aspectRatio?: AspectRatio | undefined;
  /** Images asked for; default 1. */
  n?: number | undefined;
}

/** The variant names a tiered price may use for a size (`0.5K` is `512` on the Images API). */
const VARIANT_KEYS: Record<ImageSize, readonly string[]> = {
  '0.5K': ['0.5k', '512'],
  '1K': ['1k'],
  '2K': ['2k'],
  '4K': ['4k'],
};

function unitPrices(pricing: ImageModelPricing, size: ImageSize) {
  const variant = VARIANT_KEYS[size]
    .map((key) => pricing.variants?.[key])
    .find((v) => v !== undefined);
  if (variant?.perImage !== undefined || variant?.perMegapixel !== undefined) return variant;
  return { perImage: pricing.perImage, perMegapixel: pricing.perMegapixel };
}

/**
 * What `n` generated images cost in USD, estimated from the catalog: a price per image, per
 * megapixel (pixels from the ratio and size, `imagePixelSize`), or per image token (times the
 * tokens the model is reported to bill at that size), plus any per-request price. `undefined`
 * when the catalog does not say enough (the billed `usage.cost` of a run is the real figure).
 * The second argument may be the size alone, as before.
 */
export function estimateImageCost(
  model: ImageModel,
  options: ImageSize | '512' | ImageCostOptions = {},
): number | undefined {
  const o: ImageCostOptions = typeof options === 'string' ? { imageSize: options } : options;
  const size: ImageSize = o.imageSize === '512' ? '0.5K' : (o.imageSize ?? '1K');
  const n = o.n ?? 1;
  const { perImage, perMegapixel } = unitPrices(model.pricing, size);
  let perOutput: number | undefined;
  if (perImage !== undefined) perOutput = perImage;
  else if (perMegapixel !== undefined) {
    const { width, height } = imagePixelSize(o.aspectRatio, size);
    perOutput = (perMegapixel * width * height) / 1e6;
  } else {
    const tokens = capabilitiesOf(model).imageTokens?.[size];
    const perMillion =
      model.pricing.imageOutputPerMillionTokens ?? model.pricing.outputPerMillionTokens;
    if (tokens !== undefined && perMillion !== undefined) perOutput = (tokens * perMillion) / 1e6;
  }
  if (perOutput === undefined) return undefined;
  const perRequest = model.pricing.perRequest ?? 0;
  return Number((perOutput * n + perRequest).toPrecision(12));
}
