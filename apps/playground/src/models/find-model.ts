import { canonicalModelId, type ImageModel } from '@lunos-image/core';

/**
 * The catalog model `id` names: that exact id, else the same model under the other dialect's id
 * (the recordings were made in OpenRouter's dialect, `google/…`, while the Lunos catalog lists
 * the same models as `openrouter/google/…`).
 */
export function findModel(
  models: readonly ImageModel[],
  id: string | undefined,
): ImageModel | undefined {
  if (id === undefined) return undefined;
  return (
    models.find((m) => m.id === id) ??
    models.find((m) => canonicalModelId(m.id) === canonicalModelId(id))
  );
}
