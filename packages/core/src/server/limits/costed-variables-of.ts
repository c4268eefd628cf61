import type { CostedVariables } from '../../models/estimate-max-cost';
import type { ImageApi } from '../../models/image-model';

/**
 * What a checked generation body asks for that its price depends on (n, size, quality), named as
 * the variables the client built it from: `estimateMaxCost` prices both the same way.
 */
export function costedVariablesOf(wire: ImageApi, body: Record<string, unknown>): CostedVariables {
  const n = typeof body.n === 'number' && Number.isInteger(body.n) && body.n >= 1 ? body.n : 1;
  const text = <T extends string>(value: unknown) =>
    typeof value === 'string' ? (value as T) : undefined;
  if (wire === 'images') {
    return {
      n,
      size: text(body.size),
      imageSize: text(body.resolution),
      aspectRatio: text(body.aspect_ratio),
      quality: text(body.quality),
    };
  }
  const config = (body.image_config ?? {}) as Record<string, unknown>;
  return { n, imageSize: text(config.image_size), aspectRatio: text(config.aspect_ratio) };
}
