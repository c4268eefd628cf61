import * as z from 'zod/mini';
import { errorObjectSchema } from './error-body-schema';
import { imageItemSchema } from './image-item-schema';
import { usageSchema } from './usage-schema';

const finishReason = z.optional(z.nullable(z.string()));

export const responseMessageSchema = z.looseObject({
  role: z.optional(z.string()),
  content: z.optional(z.nullable(z.union([z.string(), z.array(z.unknown())]))),
  refusal: z.optional(z.nullable(z.string())),
  reasoning: z.optional(z.nullable(z.string())),
  images: z.optional(z.array(imageItemSchema)),
});

/**
 * A non-streamed chat completion. Tolerant: every field we do not model is kept (never stripped),
 * `provider` and `native_finish_reason` are read although the OpenAPI spec lacks them, and a
 * top-level `error` may come with HTTP 200.
 */
export const chatResponseSchema = z.looseObject({
  id: z.optional(z.string()),
  provider: z.optional(z.nullable(z.string())),
  model: z.optional(z.string()),
  object: z.optional(z.string()),
  created: z.optional(z.number()),
  choices: z.optional(
    z.array(
      z.looseObject({
        index: z.optional(z.number()),
        finish_reason: finishReason,
        native_finish_reason: finishReason,
        message: z.optional(responseMessageSchema),
        error: z.optional(errorObjectSchema),
      }),
    ),
  ),
  usage: z.optional(z.nullable(usageSchema)),
  error: z.optional(errorObjectSchema),
});

export type ChatResponse = z.infer<typeof chatResponseSchema>;
export type ResponseMessage = z.infer<typeof responseMessageSchema>;
