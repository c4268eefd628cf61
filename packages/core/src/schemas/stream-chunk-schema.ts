import * as z from 'zod/mini';
import { errorObjectSchema } from './error-body-schema';
import { imageItemSchema } from './image-item-schema';
import { usageSchema } from './usage-schema';

const finishReason = z.optional(z.nullable(z.string()));

export const streamDeltaSchema = z.looseObject({
  role: z.optional(z.nullable(z.string())),
  content: z.optional(z.nullable(z.string())),
  reasoning: z.optional(z.nullable(z.string())),
  refusal: z.optional(z.nullable(z.string())),
  // Not in the OpenAPI ChatStreamDelta; a stripping schema loses the streamed image here.
  images: z.optional(z.array(imageItemSchema)),
});

/**
 * One `data:` chunk of a streamed completion. Images can come in any chunk (the finish chunk too),
 * `usage` with or without `choices`, and an in-band `error` with `finish_reason: "error"`.
 */
export const streamChunkSchema = z.looseObject({
  id: z.optional(z.string()),
  object: z.optional(z.string()),
  created: z.optional(z.number()),
  model: z.optional(z.string()),
  provider: z.optional(z.nullable(z.string())),
  choices: z.optional(
    z.array(
      z.looseObject({
        index: z.optional(z.number()),
        delta: z.optional(streamDeltaSchema),
        finish_reason: finishReason,
        native_finish_reason: finishReason,
        error: z.optional(errorObjectSchema),
      }),
    ),
  ),
  usage: z.optional(z.nullable(usageSchema)),
  error: z.optional(errorObjectSchema),
});

export type StreamChunk = z.infer<typeof streamChunkSchema>;
export type StreamDelta = z.infer<typeof streamDeltaSchema>;
