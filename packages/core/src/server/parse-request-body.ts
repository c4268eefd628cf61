import * as z from 'zod/mini';
import { ValidationError } from '../errors/validation-error';
import { refuse } from './refuse';

/** A request body parsed by its route's schema, or the 400 that names every issue. */
export function parseRequestBody<T>(
  schema: z.ZodMiniType<T>,
  json: unknown,
  what: string,
): { request: T } | { refusal: Response } {
  const parsed = z.safeParse(schema, json, { reportInput: true });
  if (parsed.success) return { request: parsed.data };
  const error = ValidationError.fromZod(what, parsed.error);
  return {
    refusal: refuse(400, 'invalid_request', error.message, {
      metadata: { issues: error.issues.map(({ path, message }) => ({ path, message })) },
    }),
  };
}
