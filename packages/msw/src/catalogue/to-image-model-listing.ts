import { imageEndpointsPath } from '@lunos-image/core/internal';
import type { CapabilityDescriptor, MockImageEndpoint, MockImageModel } from './mock-image-models';

/**
 * The model-level `supported_parameters`: the union over its endpoints (an enum's values joined,
 * a range widened), as the API lists it.
 */
export function unionDescriptors(
  endpoints: readonly MockImageEndpoint[],
): Record<string, CapabilityDescriptor> {
  const out: Record<string, CapabilityDescriptor> = {};
  for (const endpoint of endpoints) {
    for (const [name, next] of Object.entries(endpoint.supported_parameters)) {
      const seen = out[name];
      if (seen?.type === 'enum' && next.type === 'enum') {
        out[name] = { type: 'enum', values: [...new Set([...seen.values, ...next.values])] };
      } else if (seen?.type === 'range' && next.type === 'range') {
        out[name] = {
          type: 'range',
          min: Math.min(seen.min, next.min),
          max: Math.max(seen.max, next.max),
        };
      } else {
        out[name] ??= next;
      }
    }
  }
  return out;
}

/** One entry of `GET {base}/images/models`; `base` is the API's base path, e.g. `/api/v1`. */
export function toImageModelListItem(model: MockImageModel, base: string): Record<string, unknown> {
  return {
    id: model.id,
    name: model.name,
    description: model.description,
    created: model.created,
    architecture: { input_modalities: model.input, output_modalities: ['image'] },
    supported_parameters: unionDescriptors(model.endpoints),
    supports_streaming: model.endpoints.some((e) => e.supports_streaming),
    endpoints: base + imageEndpointsPath(model.id),
  };
}

/** The answer of `GET {base}/images/models/{author}/{slug}/endpoints`. */
export function toImageEndpointsListing(model: MockImageModel): Record<string, unknown> {
  return { id: model.id, endpoints: model.endpoints };
}
