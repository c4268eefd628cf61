import { imageEndpointsPath } from '@lunos-image/core/internal';
import { apiBase, apiPath } from '../catalogue/api-path';
import type { Fixture } from '../fixture/fixture-schema';
import { modelsFixture } from './answer-fixtures';
import { imagesErrorFixture } from './choose-images-answer';
import type { ImageCatalogue } from './images-catalogue';

/**
 * `GET {base}/images/models` as a fixture: every model's entry, its `endpoints` URL under the
 * base the client called.
 */
export function imageModelsFixture(catalogue: ImageCatalogue, base: string): Fixture {
  const data = catalogue.models.map((m) => ({
    ...m.listing,
    endpoints: base + imageEndpointsPath(m.id),
  }));
  return modelsFixture(
    'openrouter',
    { data },
    apiPath('openrouter', 'image-models'),
    'models/images',
  );
}

/** `GET …/images/models/{author}/{slug}/endpoints` as a fixture; 404 for a model not listed. */
export function imageEndpointsFixture(catalogue: ImageCatalogue, id: string): Fixture {
  const endpoints = catalogue.find(id)?.endpoints;
  if (!endpoints) return imagesErrorFixture(404, `No image model found with id ${id}`);
  return modelsFixture(
    'openrouter',
    endpoints,
    apiBase('openrouter') + imageEndpointsPath(id),
    'models/images-endpoints',
  );
}
