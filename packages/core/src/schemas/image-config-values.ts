// The values `image_config` takes, apart from its zod schema: an app that shows them in a picker
// (or checks a model's capabilities) loads no zod for them.
/** The ten ratios every Gemini image model takes (api-wire-format §2.3), default `1:1`. */
export const STANDARD_ASPECT_RATIOS = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
] as const;

/** Extreme ratios only the Gemini 3.x Flash image models accept. */
export const EXTENDED_ASPECT_RATIOS = ['1:4', '4:1', '1:8', '8:1'] as const;

export const ASPECT_RATIOS = [...STANDARD_ASPECT_RATIOS, ...EXTENDED_ASPECT_RATIOS] as const;

/** `0.5K` is only taken by the Gemini 3.x Flash image models. */
export const IMAGE_SIZES = ['0.5K', '1K', '2K', '4K'] as const;

export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type ImageSize = (typeof IMAGE_SIZES)[number];
