import {
  ASPECT_RATIOS,
  type AspectRatio,
  capabilitiesOf,
  IMAGE_SIZES,
  IMAGES_BACKGROUNDS,
  IMAGES_QUALITIES,
  type ImageModel,
  type ImageSize,
  type ImagesBackground,
  type ImagesQuality,
  type ParameterDescriptor,
} from '@lunos-image/core';
import type { OutputFormatChoice } from './compose-form';

/** The most images the form asks for in one run: a 2 × 2 grid of slots. */
export const MAX_SLOTS = 4;

const OUTPUT_FORMATS: readonly OutputFormatChoice[] = ['png', 'jpeg', 'webp'];

/** What the form offers for a model; `undefined` means "not offered, the model's default". */
export interface ModelOptions {
  aspectRatios: readonly AspectRatio[] | undefined;
  imageSizes: readonly ImageSize[] | undefined;
  /** Most images one run may ask for: 1 for a model that makes one per request. */
  maxImages: number;
  takesSeed: boolean;
  qualities: readonly ImagesQuality[] | undefined;
  outputFormats: readonly OutputFormatChoice[] | undefined;
  backgrounds: readonly ImagesBackground[] | undefined;
}

/** `512` is the Images API's name for the `0.5K` of image_config. */
const sizeName = (value: string) => (value === '512' ? '0.5K' : value);

/**
 * The values of an enum descriptor that core's variables take (e.g. no `auto` ratio, no `svg`),
 * in the model's order; every value core takes for a parameter described without a list; none
 * (undefined) when the model does not list the parameter.
 */
function offered<T extends string>(
  descriptor: ParameterDescriptor | undefined,
  known: readonly T[],
  rename: (value: string) => string = (value) => value,
): readonly T[] | undefined {
  if (!descriptor) return undefined;
  if (descriptor.type !== 'enum') return known;
  const values = descriptor.values
    .map((value) => rename(String(value)))
    .filter((value): value is T => (known as readonly string[]).includes(value));
  return values.length > 0 ? [...new Set(values)] : undefined;
}

function maxImagesOf(descriptor: ParameterDescriptor | undefined): number {
  if (!descriptor) return 1;
  if (descriptor.type === 'range') return Math.max(1, Math.min(MAX_SLOTS, descriptor.max));
  if (descriptor.type === 'enum') {
    const counts = descriptor.values.map(Number).filter((n) => n >= 1 && n <= MAX_SLOTS);
    return counts.length > 0 ? Math.max(...counts) : 1;
  }
  return MAX_SLOTS;
}

/**
 * What the form shows for `model`. A chat model: the ratios and sizes it is documented to take
 * (`capabilitiesOf`), one image, nothing else. An Images API model: exactly what its typed
 * `parameters` list (`aspect_ratio`, `resolution`, `n`, `seed`, `quality`, `output_format`,
 * `background`); a parameter it does not list is not offered, so never sent.
 */
export function modelOptionsOf(model: ImageModel): ModelOptions {
  const parameters = model.api === 'images' ? model.parameters : undefined;
  if (!parameters) {
    const { aspectRatios, imageSizes } = capabilitiesOf(model);
    return {
      aspectRatios,
      imageSizes,
      maxImages: 1,
      takesSeed: false,
      qualities: undefined,
      outputFormats: undefined,
      backgrounds: undefined,
    };
  }
  return {
    aspectRatios: offered(parameters.aspect_ratio, ASPECT_RATIOS),
    imageSizes: offered(parameters.resolution, IMAGE_SIZES, sizeName),
    maxImages: maxImagesOf(parameters.n),
    takesSeed: parameters.seed !== undefined,
    qualities: offered(parameters.quality, IMAGES_QUALITIES),
    outputFormats: offered(parameters.output_format, OUTPUT_FORMATS),
    backgrounds: offered(parameters.background, IMAGES_BACKGROUNDS),
  };
}
