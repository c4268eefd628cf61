import * as z from 'zod/mini';

const price = z.optional(z.nullable(z.union([z.string(), z.number()])));

/** One entry of OpenRouter's `GET /models`: prices are strings in USD per unit. */
export const openRouterModelSchema = z.looseObject({
  id: z.string(),
  canonical_slug: z.optional(z.nullable(z.string())),
  name: z.optional(z.string()),
  created: z.optional(z.number()),
  description: z.optional(z.nullable(z.string())),
  context_length: z.optional(z.nullable(z.number())),
  architecture: z.optional(
    z.looseObject({
      modality: z.optional(z.nullable(z.string())),
      input_modalities: z.optional(z.array(z.string())),
      output_modalities: z.optional(z.array(z.string())),
      tokenizer: z.optional(z.nullable(z.string())),
      instruct_type: z.optional(z.nullable(z.string())),
    }),
  ),
  pricing: z.optional(
    z.looseObject({
      prompt: price,
      completion: price,
      request: price,
      image: price,
      image_output: price,
      image_token: price,
    }),
  ),
  top_provider: z.optional(z.nullable(z.looseObject({}))),
  supported_parameters: z.optional(z.nullable(z.array(z.string()))),
});

export const openRouterModelListSchema = z.looseObject({
  data: z.array(openRouterModelSchema),
});

export type OpenRouterModel = z.infer<typeof openRouterModelSchema>;
export type OpenRouterModelList = z.infer<typeof openRouterModelListSchema>;
