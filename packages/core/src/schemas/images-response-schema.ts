import * as z from 'zod/mini';
import { errorObjectSchema } from './error-body-schema';
import { usageSchema } from './usage-schema';

/** One generated image: base64 bytes; `media_type` is omitted for PNG (the usual case). */
export const imagesResponseImageSchema = z.looseObject({
  b64_json: z.string(),
  media_type: z.optional(z.nullable(z.string())),
});

/**
 * The JSON answer of `POST /images` (also what a streamed request gets from a provider that does
 * not stream). `data` may hold fewer images than `n` asked for; a 200 may carry `error` instead.
 */
export const imagesResponseSchema = z.looseObject({
  created: z.optional(z.number()),
  data: z.optional(z.array(imagesResponseImageSchema)),
  usage: z.optional(z.nullable(usageSchema)),
  error: z.optional(errorObjectSchema),
});

export type ImagesResponse = z.infer<typeof imagesResponseSchema>;
export type ImagesResponseImage = z.infer<typeof imagesResponseImageSchema>;
