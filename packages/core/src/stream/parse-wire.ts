import * as z from 'zod/mini';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { formatPath } from '../errors/validation-error';

/** Parses JSON from the API with `schema`; a mismatch is an `InvalidResponseError` naming where. */
export function parseWire<TSchema extends z.ZodMiniType>(
  schema: TSchema,
  json: unknown,
  what: string,
): z.output<TSchema> {
  const parsed = z.safeParse(schema, json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidResponseError(
    `${what} does not match the API's shape at ${formatPath(issue?.path ?? [])}: ${issue?.message}`,
    { cause: parsed.error },
  );
}
