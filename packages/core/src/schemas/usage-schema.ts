import * as z from 'zod/mini';

const count = z.optional(z.nullable(z.number()));
const details = z.optional(z.nullable(z.looseObject({})));

/** Token usage and cost; `image_tokens` is missing from the OpenAPI spec but sent in practice. */
export const usageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  cost: count,
  is_byok: z.optional(z.nullable(z.boolean())),
  prompt_tokens_details: details,
  completion_tokens_details: z.optional(
    z.nullable(
      z.looseObject({
        reasoning_tokens: count,
        image_tokens: count,
        audio_tokens: count,
      }),
    ),
  ),
  cost_details: details,
});

export type Usage = z.infer<typeof usageSchema>;
