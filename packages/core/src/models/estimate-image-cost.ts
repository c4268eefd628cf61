import type { AspectRatio, ImageSize } from '../schemas/image-config-values';
import type { ImagesQuality } from '../schemas/images-request-values';
import { capabilitiesOf } from './capabilities-of';
import { gptImageOutputTokens } from './gpt-image-output-tokens';
import type { ImageModel, ImageModelPricing } from './image-model';
import { imagePixelSize } from './image-pixel-size';

export interface ImageCostOptions {
  /** Default `1K`; `512` is the Images API's name for `0.5K`. */
  imageSize?: ImageSize | '512' | undefined;
  /** For per-megapixel prices and GPT Image's sizes; default `1:1`. */
  aspectRatio?: AspectRatio | undefined;
  /**
   * The Images API's `size` in pixels (`1536x1024`): the pixels of a per-megapixel price, and
   * GPT Image's size. A tier (`2K`) here is read as `imageSize`.
   */
  size?: string | undefined;
  /** GPT Image's quality: its tokens per image depend on it. `auto` or none: `high`. */
  quality?: ImagesQuality | undefined;
  /** Images asked for; default 1. */
  n?: number | undefined;
}

const PIXELS = /^(\d+)x(\d+)$/;

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

/** The size tier asked for: `imageSize`, else a tier given as `size`; default `1K`. */
function tierOf(o: ImageCostOptions): ImageSize {
  const tier = o.imageSize ?? (o.size && !PIXELS.test(o.size) ? o.size.toUpperCase() : undefined);
  if (tier === '512' || tier === '0.5K') return '0.5K';
  return tier === '1K' || tier === '2K' || tier === '4K' ? tier : '1K';
}

/**
 * What `n` generated images cost in USD, estimated from the catalog: a price per image, per
 * megapixel (pixels from `size`, else from the ratio and tier, `imagePixelSize`), or per image
 * token (times the tokens the model bills for that size: GPT Image's published table by size and
 * quality, or the tokens reported for the tier), plus any per-request price. `undefined` when the
 * catalog does not say enough (the billed `usage.cost` of a run is the real figure). The second
 * argument may be the size alone, as before.
 */
export function estimateImageCost(
  model: ImageModel,
  options: ImageSize | '512' | ImageCostOptions = {},
): number | undefined {
  const o: ImageCostOptions = typeof options === 'string' ? { imageSize: options } : options;
  const size = tierOf(o);
  const n = o.n ?? 1;
  const { perImage, perMegapixel } = unitPrices(model.pricing, size);
  let perOutput: number | undefined;
  if (perImage !== undefined) perOutput = perImage;
  else if (perMegapixel !== undefined) {
    const pixels = PIXELS.exec(o.size ?? '');
    const { width, height } = pixels
      ? { width: Number(pixels[1]), height: Number(pixels[2]) }
      : imagePixelSize(o.aspectRatio, size);
    perOutput = (perMegapixel * width * height) / 1e6;
  } else {
    const tokens = gptImageOutputTokens(model.id, o) ?? capabilitiesOf(model).imageTokens?.[size];
    const perMillion =
      model.pricing.imageOutputPerMillionTokens ?? model.pricing.outputPerMillionTokens;
    if (tokens !== undefined && perMillion !== undefined) perOutput = (tokens * perMillion) / 1e6;
  }
  if (perOutput === undefined) return undefined;
  const perRequest = model.pricing.perRequest ?? 0;
  return Number((perOutput * n + perRequest).toPrecision(12));
}
