import * as z from 'zod/mini';
import { imageUrlPartSchema, providerPreferencesSchema } from './chat-request-schema';
import {
  IMAGES_ASPECT_RATIOS,
  IMAGES_BACKGROUNDS,
  IMAGES_OUTPUT_FORMATS,
  IMAGES_QUALITIES,
  IMAGES_RESOLUTIONS,
  IMAGES_SIZE_PATTERN,
  MAX_INPUT_REFERENCES,
} from './images-request-values';

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
