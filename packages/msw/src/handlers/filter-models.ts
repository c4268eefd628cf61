import type { ImageModel } from '@lunos-image/core';
import type { FixtureDialect } from '../fixture/fixture-schema';

const list = (value: string | null) =>
  value === null
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

const hasAll = (have: readonly string[], want: readonly string[] | undefined) =>
  !want || want.every((w) => have.includes(w));

/**
 * Applies a model-list query the way each dialect does. OpenRouter: `output_modalities` (default
 * `text`, so image-only models are missing unless asked for; `all` lifts the filter),
 * `input_modalities`, `supported_parameters`, `q`. Lunos: `input` and `output`, no default.
 * A comma-separated list asks for models that have every listed value.
 */
export function filterModels(
  models: readonly ImageModel[],
  dialect: FixtureDialect,
  query: URLSearchParams,
): ImageModel[] {
  if (dialect === 'lunos') {
    const input = list(query.get('input'));
    const output = list(query.get('output'));
    return models.filter(
      (m) => hasAll(m.inputModalities, input) && hasAll(m.outputModalities, output),
    );
  }
  const outputRaw = list(query.get('output_modalities')) ?? ['text'];
  const output = outputRaw.includes('all') ? undefined : outputRaw;
  const input = list(query.get('input_modalities'));
  const params = list(query.get('supported_parameters'));
  const q = query.get('q')?.toLowerCase();
  return models.filter(
    (m) =>
      hasAll(m.outputModalities, output) &&
      hasAll(m.inputModalities, input) &&
      hasAll(m.supportedParameters, params) &&
      (!q || m.id.toLowerCase().includes(q) || m.name.toLowerCase().includes(q)),
  );
}
