import * as z from 'zod/mini';

/** One entry of Lunos's `GET /v1/models` (camelCase, prices per million tokens as numbers). */
export const lunosModelSchema = z.looseObject({
  id: z.string(),
  modelId: z.optional(z.string()),
  name: z.optional(z.string()),
  provider: z.optional(z.string()),
  inputModalities: z.optional(z.array(z.string())),
  outputModalities: z.optional(z.array(z.string())),
  supportedParameters: z.optional(z.nullable(z.array(z.string()))),
  pricePerMillionTokens: z.optional(
    z.nullable(
      z.looseObject({
        input: z.optional(z.nullable(z.number())),
        output: z.optional(z.nullable(z.number())),
        discountPercentage: z.optional(z.nullable(z.number())),
      }),
    ),
  ),
  parameters: z.optional(
    z.nullable(z.looseObject({ context: z.optional(z.nullable(z.number())) })),
  ),
  maxCompletionTokens: z.optional(z.nullable(z.number())),
});

/**
 * Lunos documents a bare array but its SDK and older docs use `{ data }`, and its own playground
 * also reads `{ models }`: all three are accepted.
 */
export const lunosModelListSchema = z.union([
  z.array(lunosModelSchema),
  z.looseObject({ data: z.array(lunosModelSchema) }),
  z.looseObject({ models: z.array(lunosModelSchema) }),
]);

export type LunosModel = z.infer<typeof lunosModelSchema>;
export type LunosModelList = z.infer<typeof lunosModelListSchema>;
