import type { PixelSize } from './images-pixel-size';

/** One pricing line of an endpoint, as listed (billable and unit are open enums). */
export interface PricingLineLike {
  billable: string;
  unit: string;
  cost_usd: number;
  variant?: string | undefined;
}

export interface ImagesUsageInput {
  pricing: readonly PricingLineLike[];
  prompt: string;
  referenceImages: number;
  /** The images billed so far (all of them for the JSON answer). */
  images: readonly PixelSize[];
  /** The tier of the images, for resolution-tiered prices (`1k`, `4k`…). */
  resolution: string;
  /** Completion tokens per one-megapixel image. */
  imageTokens: number;
}

// What a reference image counts as where a line bills input images per token.
const REFERENCE_TOKENS = 258;
const MEGAPIXEL = 1024 * 1024;

const megapixels = ({ width, height }: PixelSize) => (width * height) / 1e6;

/**
 * The `usage` object of an Images API answer: token counts and the cost of `images` under the
 * endpoint's pricing lines (per image, per megapixel or per token; a tiered output price is the
 * line whose `variant` is the resolution). Billing is all-or-nothing, so a stream's completed
 * events carry the usage of the images done so far and the last one equals the JSON answer's.
 */
export function imagesUsage(input: ImagesUsageInput): Record<string, unknown> {
  const promptTokens =
    Math.max(1, Math.ceil(input.prompt.length / 4)) + input.referenceImages * REFERENCE_TOKENS;
  const tokensOf = (size: PixelSize) =>
    Math.round((input.imageTokens * size.width * size.height) / MEGAPIXEL);
  const completionTokens = input.images.reduce((sum, size) => sum + tokensOf(size), 0);
  const outputs = input.pricing.filter((line) => line.billable === 'output_image');
  const tiered = outputs.filter(
    (line) => line.variant?.toLowerCase() === input.resolution.toLowerCase(),
  );
  const outputLines = tiered.length > 0 ? tiered : outputs.filter((line) => !line.variant);
  let cost = 0;
  for (const line of outputLines) {
    for (const size of input.images) {
      if (line.unit === 'image') cost += line.cost_usd;
      else if (line.unit === 'megapixel') cost += line.cost_usd * megapixels(size);
      else if (line.unit === 'token') cost += line.cost_usd * tokensOf(size);
    }
  }
  for (const line of input.pricing) {
    if (line.billable === 'input_text' && line.unit === 'token')
      cost += line.cost_usd * promptTokens;
    if (line.billable === 'input_image' || line.billable === 'input_reference') {
      const perReference =
        line.unit === 'token'
          ? REFERENCE_TOKENS
          : line.unit === 'image' || line.unit === 'megapixel'
            ? 1
            : 0;
      cost += line.cost_usd * perReference * input.referenceImages;
    }
  }
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost: Math.round(cost * 1e7) / 1e7,
    is_byok: false,
    completion_tokens_details: { image_tokens: completionTokens },
  };
}
