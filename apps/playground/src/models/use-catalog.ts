import type { DialectName, ImageModel, ModelFilters } from '@lunos-image/core';
import { type UseImageModelsResult, useImageModels } from '@lunos-image/react';
import { useMemo } from 'react';

/** Module level, so the hooks' cache key and `select` stay the same across renders. */
const IMAGES_API: ModelFilters = { api: 'images' };

/** Models the chat catalog lists in a stable order: image+text models first, then image-only ones. */
function byKind(models: readonly ImageModel[]): readonly ImageModel[] {
  const text = (m: ImageModel) => (m.outputModalities.includes('text') ? 0 : 1);
  return [...models].sort((a, b) => text(a) - text(b));
}

export interface Catalog {
  /** The chat catalog: its loading state and error decide whether anything can be generated. */
  chat: UseImageModelsResult<readonly ImageModel[]>;
  /** OpenRouter's Images API catalog (`GET /images/models` and each model's endpoints). */
  images: UseImageModelsResult<readonly ImageModel[]>;
  /** Whether this connection's dialect has an Images API at all (OpenRouter's; Lunos has none). */
  hasImagesApi: boolean;
  /** Every model to pick from: the chat catalog's, then the Images API's (marked `api: 'images'`). */
  models: readonly ImageModel[];
}

/**
 * The models of the connection: the chat catalog, and in the OpenRouter dialect the Images API's
 * too (Lunos documents only the chat route, so it is not asked there). The Images API models come
 * after the chat ones; a failure to list them leaves the chat models usable.
 */
export function useCatalog(dialect: DialectName): Catalog {
  const hasImagesApi = dialect === 'openrouter';
  const chat = useImageModels(undefined, { select: byKind });
  const images = useImageModels(IMAGES_API, { enabled: hasImagesApi });
  const chatModels = chat.models;
  const imageModels = hasImagesApi ? images.models : undefined;
  const models = useMemo(
    () => [...(chatModels ?? []), ...(imageModels ?? [])],
    [chatModels, imageModels],
  );
  return { chat, images, hasImagesApi, models };
}
