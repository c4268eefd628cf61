import * as z from 'zod/mini';
import { supportedParametersSchema } from './parameter-descriptor-schema';

/**
 * One billable line of an endpoint: what is billed (`output_image`, `input_image`,
 * `input_reference`, `input_text`, `input_font`), per which `unit` (`image`, `megapixel`, `token`,
 * `request`), for how much, and for which `variant` tier (`2k`, `4k`) when prices are tiered.
 */
export const imagesPricingLineSchema = z.looseObject({
  billable: z.string(),
  unit: z.string(),
  cost_usd: z.union([z.number(), z.string()]),
  variant: z.optional(z.nullable(z.string())),
});

/** One provider serving an image model: its own parameters (a subset of the model's) and prices. */
export const imagesEndpointSchema = z.looseObject({
  provider_name: z.optional(z.nullable(z.string())),
  provider_slug: z.optional(z.nullable(z.string())),
  provider_tag: z.optional(z.nullable(z.string())),
  supported_parameters: z.optional(z.nullable(supportedParametersSchema)),
  allowed_passthrough_parameters: z.optional(z.nullable(z.array(z.string()))),
  supports_streaming: z.optional(z.nullable(z.boolean())),
  pricing: z.optional(z.nullable(z.array(imagesPricingLineSchema))),
});

/** `GET /images/models/{author}/{slug}/endpoints`. */
export const imagesEndpointsSchema = z.looseObject({
  id: z.optional(z.string()),
  endpoints: z.array(imagesEndpointSchema),
});

export type ImagesPricingLine = z.infer<typeof imagesPricingLineSchema>;
export type ImagesEndpoint = z.infer<typeof imagesEndpointSchema>;
export type ImagesEndpoints = z.infer<typeof imagesEndpointsSchema>;
