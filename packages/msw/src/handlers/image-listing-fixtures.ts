import { IMAGES_PATH } from '../catalogue/images-answer';
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
    endpoints: `${base}/images/models/${m.id}/endpoints`,
  }));
  return modelsFixture('openrouter', { data }, `${IMAGES_PATH}/models`, 'models/images');
}

/** `GET …/images/models/{author}/{slug}/endpoints` as a fixture; 404 for a model not listed. */
export function imageEndpointsFixture(catalogue: ImageCatalogue, id: string): Fixture {
  const endpoints = catalogue.find(id)?.endpoints;
  if (!endpoints) return imagesErrorFixture(404, `No image model found with id ${id}`);
  return modelsFixture(
    'openrouter',
    endpoints,
    `${IMAGES_PATH}/models/${id}/endpoints`,
    'models/images-endpoints',
  );
}
