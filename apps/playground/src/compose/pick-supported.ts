/**
 * Keeps `current` if the model takes it, else falls back to `preferred` (the API's default) or
 * the first option; `undefined` when the model's options are not documented (nothing is sent).
 */
export function pickSupported<T>(
  current: T | undefined,
  options: readonly T[] | undefined,
  preferred: T,
): T | undefined {
  if (options === undefined) return undefined;
  if (current !== undefined && options.includes(current)) return current;
  return options.includes(preferred) ? preferred : options[0];
}
