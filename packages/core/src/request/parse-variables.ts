import * as z from 'zod/mini';
import { ValidationError } from '../errors/validation-error';
import {
  type GenerateImageVariables,
  generateImageVariablesSchema,
} from './generate-image-variables';

/** The subject of every `ValidationError` about generation variables. */
export const VARIABLES_SUBJECT = 'image generation request';

export type ParsedVariables = z.output<typeof generateImageVariablesSchema>;

// The API silently ignores a lower-case size ("4k" yields 1K): accept it, send it upper-case.
function upperTier(value: unknown): unknown {
  return typeof value === 'string' && /^(0\.5|1|2|4)k$/.test(value) ? value.toUpperCase() : value;
}

/**
 * The variables validated (a `ValidationError` naming the field, before anything is sent), with
 * lower-case size tiers (`4k`) accepted and upper-cased.
 */
export function parseVariables(variables: GenerateImageVariables): ParsedVariables {
  let input: unknown = variables;
  if (typeof variables === 'object' && variables !== null) {
    const copy: Record<string, unknown> = { ...variables };
    if ('imageSize' in copy) copy.imageSize = upperTier(copy.imageSize);
    if ('size' in copy) copy.size = upperTier(copy.size);
    input = copy;
  }
  const parsed = z.safeParse(generateImageVariablesSchema, input, { reportInput: true });
  if (!parsed.success) throw ValidationError.fromZod(VARIABLES_SUBJECT, parsed.error);
  return parsed.data;
}
