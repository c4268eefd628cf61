import { estimateImageCost, type ImageCostOptions } from '../../models/estimate-image-cost';
import type { ImageApi, ImageModel } from '../../models/image-model';
import type { ImageSize } from '../../schemas/image-config-schema';
import type { ImagesQuality } from '../../schemas/images-request-schema';

/** What a checked generation body asks for that its price depends on: n, size, quality. */
export function costOptionsOf(wire: ImageApi, body: Record<string, unknown>): ImageCostOptions {
  const n = typeof body.n === 'number' && Number.isInteger(body.n) && body.n >= 1 ? body.n : 1;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (wire === 'images') {
    return {
      n,
      size: text(body.size),
      imageSize: text(body.resolution) as ImageSize | '512' | undefined,
      aspectRatio: text(body.aspect_ratio) as ImageCostOptions['aspectRatio'],
      quality: text(body.quality) as ImagesQuality | undefined,
    };
  }
  const config = (body.image_config ?? {}) as Record<string, unknown>;
  return {
    n,
    imageSize: text(config.image_size) as ImageSize | undefined,
    aspectRatio: text(config.aspect_ratio) as ImageCostOptions['aspectRatio'],
  };
}

/**
 * One model's price for the request, as core's `estimateImageCost` gives it (what the client and
 * the playground show before Generate); undefined when the catalogue does not say enough. A
 * ratio the price table does not know (`auto`, a new one) is priced as a square of the tier.
 */
export function estimateCost(model: ImageModel, options: ImageCostOptions): number | undefined {
  try {
    return estimateImageCost(model, options);
  } catch {
    return estimateImageCost(model, { ...options, aspectRatio: undefined });
  }
}
