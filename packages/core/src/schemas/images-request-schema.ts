import * as z from 'zod/mini';
import { imageUrlPartSchema, providerPreferencesSchema } from './chat-request-schema';

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

/** Provider routing as on chat, plus `options`: provider-specific keys by provider slug. */
const imagesProviderSchema = z.extend(providerPreferencesSchema, {
  options: z.optional(z.record(z.string(), z.record(z.string(), z.unknown()))),
});

/**
 * The `POST /images` body as the API receives it. Like the chat schema, strict about the fields it
 * knows (closed enums, ranges, at most 16 references) and loose about the rest, which passes
 * through untouched.
 */
export const imagesRequestSchema = z.looseObject({
  model: z.string().check(z.refine((s) => s.trim() !== '', 'model must not be empty')),
  prompt: z.string().check(z.refine((s) => s.trim() !== '', 'prompt must not be empty')),
  n: z.optional(z.int().check(z.gte(1, 'n must be 1 to 10'), z.lte(10, 'n must be 1 to 10'))),
  aspect_ratio: z.optional(z.enum(IMAGES_ASPECT_RATIOS)),
  resolution: z.optional(z.enum(IMAGES_RESOLUTIONS)),
  size: z.optional(z.string().check(z.regex(IMAGES_SIZE_PATTERN, 'a tier (1K) or WxH pixels'))),
  quality: z.optional(z.enum(IMAGES_QUALITIES)),
  output_format: z.optional(z.enum(IMAGES_OUTPUT_FORMATS)),
  background: z.optional(z.enum(IMAGES_BACKGROUNDS)),
  output_compression: z.optional(
    z
      .int()
      .check(
        z.gte(0, 'output_compression must be 0 to 100'),
        z.lte(100, 'output_compression must be 0 to 100'),
      ),
  ),
  seed: z.optional(z.int()),
  stream: z.optional(z.boolean()),
  input_references: z.optional(
    z
      .array(imageUrlPartSchema)
      .check(z.maxLength(MAX_INPUT_REFERENCES, `at most ${MAX_INPUT_REFERENCES} input references`)),
  ),
  provider: z.optional(imagesProviderSchema),
  user: z.optional(z.string()),
  session_id: z.optional(z.string().check(z.maxLength(256))),
});

export type ImagesRequest = z.infer<typeof imagesRequestSchema>;
