import * as z from 'zod/mini';
import { errorObjectSchema } from './error-body-schema';
import { usageSchema } from './usage-schema';

export const imagesPartialImageEventSchema = z.looseObject({
  type: z.literal('image_generation.partial_image'),
  /** Which partial of the image being generated (0, 1, 2…), not which image. */
  partial_image_index: z.number(),
  b64_json: z.string(),
});

export const imagesTextChunkEventSchema = z.looseObject({
  type: z.literal('image_generation.text_chunk'),
  text: z.string(),
  /** `content` is the answer; `reasoning` and `draft` are intermediate (an open set). */
  phase: z.optional(z.nullable(z.string())),
});

export const imagesCompletedEventSchema = z.looseObject({
  type: z.literal('image_generation.completed'),
  b64_json: z.string(),
  media_type: z.optional(z.nullable(z.string())),
  created: z.optional(z.number()),
  usage: z.optional(z.nullable(usageSchema)),
});

export const imagesErrorEventSchema = z.looseObject({
  type: z.literal('error'),
  error: errorObjectSchema,
});

/**
 * One `data:` payload of a streamed `POST /images` answer, of a known `type`. The API may add
 * types: a reader checks `type` first and skips those it does not know (see
 * `IMAGES_STREAM_EVENT_TYPES`) rather than failing on them.
 */
export const imagesStreamEventSchema = z.discriminatedUnion('type', [
  imagesPartialImageEventSchema,
  imagesTextChunkEventSchema,
  imagesCompletedEventSchema,
  imagesErrorEventSchema,
]);

export const IMAGES_STREAM_EVENT_TYPES: ReadonlySet<string> = new Set([
  'image_generation.partial_image',
  'image_generation.text_chunk',
  'image_generation.completed',
  'error',
]);

export type ImagesStreamEvent = z.infer<typeof imagesStreamEventSchema>;
