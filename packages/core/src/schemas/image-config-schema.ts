import * as z from 'zod/mini';

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
