import { applyImageEndpoints } from '../models/apply-image-endpoints';
import { imageEndpointsPath } from '../models/image-endpoints-path';
import type { ImageModel } from '../models/image-model';
import { withDefaultFilters } from '../models/model-filters-key';
import { normalizeImagesModels } from '../models/normalize-images-models';
import { normalizeModels } from '../models/normalize-models';
import type { DialectName, ModelFilters } from '../request/dialect';

/** A GET below the client's `baseURL` answered with JSON, read within the limits of the call. */
export type GetJson = (path: string, what: string) => Promise<unknown>;

/** Endpoint listings fetched in parallel: enough to be quick, few enough not to hit a rate limit. */
const ENDPOINT_LISTINGS_AT_ONCE = 4;

/**
 * `client.listModels` past its first GET: the dialect's model list normalized, or, for
 * `api: 'images'`, OpenRouter's Images API catalog (`list`), then each model's endpoints (a few
 * at a time, through `getJson`) for its typed parameters and prices; the modality filters are
 * applied here, the Images API's list has none. A module of its own, loaded by the client where
 * first used.
 */
export async function readModelList(
  dialect: DialectName,
  filters: ModelFilters | undefined,
  list: unknown,
  getJson: GetJson,
): Promise<ImageModel[]> {
  if (filters?.api !== 'images') return normalizeModels(dialect, list);
  const { input, output } = withDefaultFilters(filters);
  const models = normalizeImagesModels(list).filter(
    (m) =>
      input.every((i) => m.inputModalities.includes(i)) &&
      output.every((o) => m.outputModalities.includes(o)),
  );
  const detailed: ImageModel[] = [];
  for (let i = 0; i < models.length; i += ENDPOINT_LISTINGS_AT_ONCE) {
    const batch = models.slice(i, i + ENDPOINT_LISTINGS_AT_ONCE);
    detailed.push(
      ...(await Promise.all(
        batch.map(async (model) =>
          applyImageEndpoints(
            model,
            await getJson(imageEndpointsPath(model.id), `The endpoints of ${model.id}`),
          ),
        ),
      )),
    );
  }
  return detailed;
}
