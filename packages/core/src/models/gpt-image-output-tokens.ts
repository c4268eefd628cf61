import type { AspectRatio } from '../schemas/image-config-values';
import type { ImagesQuality } from '../schemas/images-request-values';
import { canonicalModelId } from './canonical-model-id';

/**
 * Output image tokens of one GPT Image image by quality and pixel size, as OpenAI publishes them
 * in its image generation guide, "Cost and latency"
 * (https://developers.openai.com/api/docs/guides/image-generation#cost-and-latency), quoted in
 * full in https://community.openai.com/t/gpt-image-1-collected-pricing-information-and-why-responses-is-undocumented/1275254
 * and, for all three models, https://community.openai.com/t/what-is-the-difference-between-image-generation-and-output-of-image-tokens/1371851.
 * GPT Image 1, 1 Mini and 1.5 bill the same tokens, each at its own output image token price;
 * GPT Image 2 sizes freely and its token formula is not published, so it has no entry.
 */
const TOKENS: Readonly<Record<'low' | 'medium' | 'high', Readonly<Record<string, number>>>> = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};

const TABLED = /^openai\/gpt-image-1(\.5|-mini)?$/;

/** The pixel size GPT Image makes for a ratio (its three sizes). */
const BY_RATIO: Partial<Record<AspectRatio, string>> = {
  '1:1': '1024x1024',
  '2:3': '1024x1536',
  '3:2': '1536x1024',
};

export interface GptImageOutput {
  /** Pixels (`1536x1024`); `auto` or none: the size of `aspectRatio`. */
  size?: string | undefined;
  /** Default `1:1`. */
  aspectRatio?: AspectRatio | undefined;
  /** `auto` or none: `high`, which is what `auto` picks ("the best quality for the model"). */
  quality?: ImagesQuality | undefined;
}

/**
 * The output tokens one image of a GPT Image model with a published token table bills, or
 * undefined (another model, a size or quality the table does not have).
 */
export function gptImageOutputTokens(modelId: string, output: GptImageOutput): number | undefined {
  if (!TABLED.test(canonicalModelId(modelId))) return undefined;
  const quality =
    output.quality === undefined || output.quality === 'auto' ? 'high' : output.quality;
  const size =
    output.size === undefined || output.size === 'auto'
      ? BY_RATIO[output.aspectRatio ?? '1:1']
      : output.size;
  if (!(quality in TOKENS) || size === undefined) return undefined;
  return TOKENS[quality as keyof typeof TOKENS][size];
}
