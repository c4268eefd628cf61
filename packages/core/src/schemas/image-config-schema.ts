import * as z from 'zod/mini';
import { ASPECT_RATIOS, IMAGE_SIZES } from './image-config-values';

export const aspectRatioSchema = z.enum(ASPECT_RATIOS);
export const imageSizeSchema = z.enum(IMAGE_SIZES);

const rgbSchema = z.tuple([z.number(), z.number(), z.number()]);

/**
 * `image_config` as sent on the wire. The shared keys and the documented provider keys are typed;
 * any other key passes through untouched, since the API forwards the map to the provider as is.
 */
export const imageConfigSchema = z.looseObject({
  aspect_ratio: z.optional(aspectRatioSchema),
  image_size: z.optional(imageSizeSchema),
  // Sourceful Riverflow
  font_inputs: z.optional(
    z
      .array(z.looseObject({ font_url: z.string(), text: z.string() }))
      .check(z.maxLength(2, 'at most 2 font inputs')),
  ),
  super_resolution_references: z.optional(
    z.array(z.string()).check(z.maxLength(4, 'at most 4 super-resolution references')),
  ),
  scoring_prompt: z.optional(z.string()),
  scoring_rubric: z.optional(z.array(z.looseObject({ key: z.string() }))),
  background_mode: z.optional(z.enum(['original', 'transparent', 'solid'])),
  background_hex_color: z.optional(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, '#RRGGBB'))),
  // Recraft
  strength: z.optional(z.number().check(z.gte(0), z.lte(1))),
  style: z.optional(z.string()),
  text_layout: z.optional(z.array(z.looseObject({ text: z.string() }))),
  rgb_colors: z.optional(z.array(rgbSchema)),
  background_rgb_color: z.optional(rgbSchema),
});

export type ImageConfig = z.infer<typeof imageConfigSchema>;
