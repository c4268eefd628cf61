import { canonicalModelId, type ImageApi, type ImageModel } from '@lunos-image/core';
import { apiOf } from './model-key';

/**
 * The catalog model `id` names, from the `api` catalog: that exact id, else the same model under
 * the other dialect's id (the recordings were made in OpenRouter's dialect, `google/…`, while the
 * Lunos catalog lists the same models as `openrouter/google/…`). A run saved before the Images
 * API existed has no `api`: it was a chat run.
 */
export function findModel(
  models: readonly ImageModel[],
  id: string | undefined,
  api: ImageApi = 'chat',
): ImageModel | undefined {
  if (id === undefined) return undefined;
  const listed = models.filter((m) => apiOf(m) === api);
  return (
    listed.find((m) => m.id === id) ??
    listed.find((m) => canonicalModelId(m.id) === canonicalModelId(id))
  );
}
