import * as z from 'zod/mini';

/**
 * The `error` object of the API, lenient on purpose: `code` is numeric on OpenRouter and a string
 * on Lunos, `metadata.raw` is a string, a JSON string (nested, sometimes twice) or an object, and
 * newer bodies carry `error_type`/`http_status`/`availability` beside the older shape.
 */
export const errorObjectSchema = z.looseObject({
  code: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  message: z.optional(z.nullable(z.string())),
  metadata: z.optional(
    z.nullable(
      z.looseObject({
        raw: z.optional(z.unknown()),
        provider_name: z.optional(z.nullable(z.string())),
        error_type: z.optional(z.string()),
        provider_code: z.optional(z.unknown()),
        retry_after_seconds: z.optional(z.nullable(z.number())),
        headers: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
      }),
    ),
  ),
  error_type: z.optional(z.string()),
  http_status: z.optional(z.number()),
  availability: z.optional(z.looseObject({ code: z.optional(z.string()) })),
  param: z.optional(z.nullable(z.string())),
  type: z.optional(z.nullable(z.string())),
});

/** An error response body: `{ error: {...} }`, or `{ error: "message" }` as some proxies send. */
export const errorBodySchema = z.looseObject({
  error: z.union([errorObjectSchema, z.string()]),
  user_id: z.optional(z.string()),
});

export type ErrorObject = z.infer<typeof errorObjectSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
