import {
  ASPECT_RATIOS,
  type AspectRatio,
  IMAGE_SIZES,
  type ImageSize,
  STANDARD_ASPECT_RATIOS,
} from '../schemas/image-config-values';
import { canonicalModelId } from './canonical-model-id';
import type { ImageModel } from './image-model';

/** What a model accepts, as far as the docs tell; `undefined` means "not documented". */
export interface ImageModelCapabilities {
  aspectRatios: readonly AspectRatio[] | undefined;
  imageSizes: readonly ImageSize[] | undefined;
  /** Whether it answers with text beside the image (decides the default `modalities`). */
  outputsText: boolean | undefined;
  /** Image tokens billed per generated image, by size, where reported (for cost estimates). */
  imageTokens?: Partial<Record<ImageSize, number>>;
}

const STANDARD_SIZES: readonly ImageSize[] = ['1K', '2K', '4K'];
const MAI_RATIOS: readonly AspectRatio[] = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3'];

interface Family {
  test: RegExp;
  capabilities: ImageModelCapabilities;
}

// api-wire-format §2.3/§2.4: the extended ratios and 0.5K only on the Gemini 3.x Flash image line.
// Image tokens per image: 1290 for Gemini 2.5 Flash Image at 1K (a real capture), about 1120 at
// 1K and 2000 at 4K for Gemini 3 Pro Image (api-wire-format §3.2).
const FAMILIES: readonly Family[] = [
  {
    test: /^google\/gemini-3(\.\d+)?-flash(-lite)?-image/,
    capabilities: { aspectRatios: ASPECT_RATIOS, imageSizes: IMAGE_SIZES, outputsText: true },
  },
  {
    test: /^google\/gemini-2\.5-flash-image/,
    capabilities: {
      aspectRatios: STANDARD_ASPECT_RATIOS,
      imageSizes: STANDARD_SIZES,
      outputsText: true,
      imageTokens: { '1K': 1290 },
    },
  },
  {
    test: /^google\/gemini-3-pro-image/,
    capabilities: {
      aspectRatios: STANDARD_ASPECT_RATIOS,
      imageSizes: STANDARD_SIZES,
      outputsText: true,
      imageTokens: { '1K': 1120, '4K': 2000 },
    },
  },
  {
    test: /^google\/gemini-[\w.-]*image/,
    capabilities: {
      aspectRatios: STANDARD_ASPECT_RATIOS,
      imageSizes: STANDARD_SIZES,
      outputsText: true,
    },
  },
  {
    test: /^openai\/gpt-[\d.]+-image/,
    capabilities: { aspectRatios: undefined, imageSizes: undefined, outputsText: true },
  },
  {
    test: /^microsoft\/mai-image/,
    capabilities: { aspectRatios: MAI_RATIOS, imageSizes: undefined, outputsText: false },
  },
  {
    test: /^(openai\/gpt-image|black-forest-labs\/flux|sourceful\/riverflow|bytedance-seed\/seedream|recraft\/|x-ai\/grok-imagine|qwen\/qwen-image)/,
    capabilities: { aspectRatios: undefined, imageSizes: undefined, outputsText: false },
  },
];

const UNKNOWN: ImageModelCapabilities = {
  aspectRatios: undefined,
  imageSizes: undefined,
  outputsText: undefined,
};

/**
 * The aspect ratios, sizes and text output a model is documented to support. A catalog entry's
 * output modalities override the built-in table for `outputsText`.
 */
export function capabilitiesOf(model: string | ImageModel): ImageModelCapabilities {
  const id = canonicalModelId(typeof model === 'string' ? model : model.id);
  const family = FAMILIES.find((f) => f.test.test(id))?.capabilities ?? UNKNOWN;
  if (typeof model === 'string' || model.outputModalities.length === 0) return family;
  return { ...family, outputsText: model.outputModalities.includes('text') };
}
