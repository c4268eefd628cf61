import { ValidationError, type ValidationIssue } from '../errors/validation-error';

const isObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSignal = (value: unknown) =>
  isObject(value) &&
  typeof (value as AbortSignal).aborted === 'boolean' &&
  typeof (value as AbortSignal).addEventListener === 'function' &&
  typeof (value as AbortSignal).removeEventListener === 'function';

/**
 * The shape of a call's arguments (the variables themselves are checked by `buildChatRequest`):
 * what would otherwise throw a bare `TypeError` synchronously (`generateImage(null)`) becomes a
 * `ValidationError`, which the call returns as a rejection.
 */
export function validateCallArguments(
  what: string,
  first: { name: string; value: unknown; optional?: boolean },
  options: unknown,
): ValidationError | undefined {
  const issues: ValidationIssue[] = [];
  const got = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
  if (!(first.optional && first.value === undefined) && !isObject(first.value)) {
    issues.push({
      path: first.name,
      code: 'invalid_type',
      message: `must be an object (got ${got(first.value)})`,
    });
  }
  if (options !== undefined) {
    if (!isObject(options)) {
      issues.push({
        path: 'options',
        code: 'invalid_type',
        message: `must be an object (got ${got(options)})`,
      });
    } else {
      const { signal, model } = options as { signal?: unknown; model?: unknown };
      if (signal !== undefined && !isSignal(signal)) {
        issues.push({
          path: 'options.signal',
          code: 'invalid_type',
          message: 'must be an AbortSignal',
        });
      }
      if (model !== undefined && !isObject(model)) {
        issues.push({
          path: 'options.model',
          code: 'invalid_type',
          message: `must be an ImageModel from listModels() (got ${got(model)})`,
        });
      }
    }
  }
  return issues.length > 0 ? new ValidationError(`${what} arguments`, issues) : undefined;
}
