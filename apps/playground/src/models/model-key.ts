import type { ImageApi, ImageModel } from '@lunos-image/core';

/** The wire a catalog entry goes over: entries of the chat catalog carry no `api`. */
export function apiOf(model: ImageModel): ImageApi {
  return model.api ?? 'chat';
}

/**
 * A model's identity in the pickers: its id and its catalog. OpenRouter lists the same id in the
 * chat catalog and in the Images API's (FLUX.2 Pro, Seedream), as two ways to call it.
 */
export function modelKey(model: ImageModel): string {
  return `${apiOf(model)}:${model.id}`;
}
