import {
  type ImagesEndpoint,
  type ImagesPricingLine,
  imagesEndpointsSchema,
} from '../schemas/images-endpoints-schema';
import { parseWire } from '../stream/parse-wire';
import { catalogPrice, compactPricing } from './catalog-price';
import type { ImageModel, ImageModelPricing } from './image-model';
import { toParameterDescriptors, unionParameterDescriptors } from './to-parameter-descriptors';

type TVariantPrices = { perImage?: number; perMegapixel?: number };

/**
 * An endpoint's pricing lines → prices per named unit. Output images per `image` or `megapixel`
 * (per `variant` when tiered) or per `token` (GPT Image: `cost_usd` is per token, kept per
 * million like the chat catalog's token prices), input text per `token`, input images per
 * `image`, and `request` lines are read; input images per token stay in `raw` (no estimate uses
 * them).
 */
function pricingOf(lines: readonly ImagesPricingLine[]): ImageModelPricing {
  const base: TVariantPrices = {};
  const variants: Record<string, TVariantPrices> = {};
  let perInputImage: number | undefined;
  let perRequest: number | undefined;
  let imageOutputPerMillionTokens: number | undefined;
  let inputPerMillionTokens: number | undefined;
  for (const line of lines) {
    const cost = catalogPrice(line.cost_usd);
    if (cost === undefined) continue;
    const unit = line.unit.toLowerCase();
    const billable = line.billable.toLowerCase();
    if (unit === 'token' && billable === 'output_image' && !line.variant) {
      imageOutputPerMillionTokens = catalogPrice(cost, 1e6);
    } else if (unit === 'token' && billable === 'input_text') {
      inputPerMillionTokens = catalogPrice(cost, 1e6);
    } else if (billable === 'output_image' && (unit === 'image' || unit === 'megapixel')) {
      const key = unit === 'image' ? 'perImage' : 'perMegapixel';
      const variant = line.variant?.toLowerCase();
      if (variant) variants[variant] = { ...variants[variant], [key]: cost };
      else base[key] = cost;
    } else if ((billable === 'input_image' || billable === 'input_reference') && unit === 'image') {
      perInputImage ??= cost;
    } else if (unit === 'request') {
      perRequest = (perRequest ?? 0) + cost;
    }
  }
  return compactPricing({
    ...base,
    imageOutputPerMillionTokens,
    inputPerMillionTokens,
    perInputImage,
    perRequest,
    variants: Object.keys(variants).length > 0 ? variants : undefined,
  });
}

const outputPriced = (endpoint: ImagesEndpoint) =>
  (endpoint.pricing ?? []).some((line) => line.billable.toLowerCase() === 'output_image');

/**
 * The model with what its endpoints listing (`GET /images/models/{author}/{slug}/endpoints`, bare
 * or wrapped in `{ data }`) adds: the union of the endpoints' parameters, whether any streams, and
 * the prices of the first endpoint that prices its output (the listing's order, which is the one
 * OpenRouter routes to first). Token prices the model already had are kept. Returns a new model;
 * a body of another shape throws `InvalidResponseError`.
 */
export function applyImageEndpoints(model: ImageModel, endpointsJson: unknown): ImageModel {
  const wrapped = endpointsJson as { data?: unknown } | null;
  const body =
    typeof wrapped === 'object' &&
    wrapped !== null &&
    typeof wrapped.data === 'object' &&
    wrapped.data !== null &&
    !Array.isArray(wrapped.data)
      ? wrapped.data
      : endpointsJson;
  const { endpoints } = parseWire(imagesEndpointsSchema, body, 'The image model endpoints');

  const listed = endpoints.filter((e) => e.supported_parameters);
  const parameters =
    listed.length > 0
      ? unionParameterDescriptors(listed.map((e) => toParameterDescriptors(e.supported_parameters)))
      : model.parameters;
  const streaming = endpoints.filter((e) => typeof e.supports_streaming === 'boolean');
  const priced = endpoints.find(outputPriced);

  return {
    ...model,
    api: 'images',
    pricing: priced ? { ...model.pricing, ...pricingOf(priced.pricing ?? []) } : model.pricing,
    ...(parameters && { parameters, supportedParameters: Object.keys(parameters) }),
    ...(streaming.length > 0 && {
      supportsStreaming: streaming.some((e) => e.supports_streaming === true),
    }),
  };
}
