import * as z from 'zod/mini';

/**
 * One generated image as it appears in `message.images` and `delta.images`. The OpenAPI spec has
 * no `type` or `index`, every capture has both: both optional, unknown keys kept.
 */
export const imageItemSchema = z.looseObject({
  type: z.optional(z.string()),
  image_url: z.looseObject({ url: z.string() }),
  index: z.optional(z.number()),
});

export type ImageItem = z.infer<typeof imageItemSchema>;
