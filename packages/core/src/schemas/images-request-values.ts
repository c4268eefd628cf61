// The values `POST /images` takes, apart from its zod schema: an app that shows them in a picker
// (or checks a model's capabilities) loads no zod for them.
/**
 * The ratios `POST /images` takes (api-wire-format §9): the chat ten and extremes, the tall and
 * wide phone ratios, `auto` (the provider chooses), and the two extra ones the SDK lists.
 */
export const IMAGES_ASPECT_RATIOS = [
  '1:1',
  '1:2',
  '1:4',
  '1:8',
  '2:1',
  '2:3',
  '3:2',
  '3:4',
  '4:1',
  '4:3',
  '4:5',
  '5:4',
  '8:1',
  '9:16',
  '16:9',
  '9:19.5',
  '19.5:9',
  '9:20',
  '20:9',
  '9:21',
  '21:9',
  '2.35:1',
  '5:2',
  'auto',
] as const;

/** Resolution tiers of the Images API; `512` is what image_config calls `0.5K`. */
export const IMAGES_RESOLUTIONS = ['512', '1K', '2K', '4K'] as const;
export const IMAGES_QUALITIES = ['auto', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export const IMAGES_OUTPUT_FORMATS = ['png', 'jpeg', 'webp', 'svg'] as const;
export const IMAGES_BACKGROUNDS = ['auto', 'transparent', 'opaque'] as const;
/** The most `input_references` one request may carry. */
export const MAX_INPUT_REFERENCES = 16;

/** `size`: a resolution tier, or explicit pixels such as `2048x1152`. */
export const IMAGES_SIZE_PATTERN = /^(?:512|[124]K|[1-9]\d{1,4}x[1-9]\d{1,4})$/;

export type ImagesAspectRatio = (typeof IMAGES_ASPECT_RATIOS)[number];
export type ImagesResolution = (typeof IMAGES_RESOLUTIONS)[number];
export type ImagesQuality = (typeof IMAGES_QUALITIES)[number];
export type ImagesOutputFormat = (typeof IMAGES_OUTPUT_FORMATS)[number];
export type ImagesBackground = (typeof IMAGES_BACKGROUNDS)[number];
