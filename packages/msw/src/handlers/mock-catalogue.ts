import type { ImageModel } from '@lunos-image/core';
import { normalizeModels } from '@lunos-image/core/internal';
import { MOCK_MODELS } from '../catalogue/mock-models';
import { toLunosModel } from '../catalogue/to-lunos-model';
import { toOpenRouterModel } from '../catalogue/to-open-router-model';
import type { FixtureDialect } from '../fixture/fixture-schema';
import type { FixtureSet } from '../fixture/fixture-set';
import { requestRoute } from './request-route';

/**
 * The models the mock lists for a dialect, and how to answer a list of them: from the set's
 * recorded `GET /models` (in the envelope it used; not the Images API's `GET /images/models`),
 * else from the built-in catalogue.
 */
export function mockCatalogue(
  set: FixtureSet | undefined,
  dialect: FixtureDialect,
): {
  models: ImageModel[];
  json: (picked: ImageModel[]) => unknown;
} {
  const recorded = set?.fixtures.find(
    (f) =>
      requestRoute(f.request.method, f.request.path) === 'models' &&
      f.dialect === dialect &&
      f.response.status === 200 &&
      f.response.body.kind === 'json',
  );
  if (recorded && recorded.response.body.kind === 'json') {
    const json = recorded.response.body.json;
    const models = normalizeModels(dialect, json);
    // Answer in the envelope the recording used.
    const wrap = Array.isArray(json)
      ? (picked: ImageModel[]) => picked.map((m) => m.raw)
      : (picked: ImageModel[]) => ({ ...(json as object), data: picked.map((m) => m.raw) });
    return { models, json: wrap };
  }
  const entries = MOCK_MODELS.map(dialect === 'lunos' ? toLunosModel : toOpenRouterModel);
  const models = normalizeModels(dialect, entries);
  return {
    models,
    json: (picked) =>
      dialect === 'lunos' ? picked.map((m) => m.raw) : { data: picked.map((m) => m.raw) },
  };
}
