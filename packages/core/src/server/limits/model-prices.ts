import { applyImageEndpoints } from '../../models/apply-image-endpoints';
import { canonicalModelId } from '../../models/canonical-model-id';
import { imageEndpointsPath } from '../../models/image-endpoints-path';
import type { ImageApi, ImageModel } from '../../models/image-model';
import { normalizeModels } from '../../models/normalize-models';
import type { DialectName } from '../../request/dialect';
import { getDialect } from '../../request/dialect';
import { routePath } from '../../routes/route-path';
import { readLimitedBody } from '../read-limited-body';
import type { UpstreamRelay } from '../upstream-relay';

/** Prices are fetched again after this long. */
export const PRICES_TTL_MS = 600_000;
/** The largest catalogue read (OpenRouter's whole list is about a megabyte). */
const MAX_CATALOGUE_BYTES = 16 * 1024 * 1024;
const CATALOGUE_TIMEOUT_MS = 10_000;
/** Images API models whose prices are kept at once (the oldest fetched is dropped past it). */
const MAX_PRICED_MODELS = 500;

/** The upstream catalogue could not be read: the handler answers 503, nothing is sent. */
export class PricesUnavailable extends Error {}

export interface ModelPrices {
  /**
   * The model as the catalogue prices it, or undefined when the catalogue does not list it.
   * Rejects with `PricesUnavailable` when the catalogue cannot be read.
   */
  find(wire: ImageApi, id: string): Promise<ImageModel | undefined>;
}

interface Cached<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

/**
 * The prices of the upstream's catalogue, fetched by the handler with its own key and kept 10
 * minutes: the chat wire's model list (`/models`, image output) once for all models; the Images
 * API's endpoints listing of each model asked for. Concurrent requests share one fetch; a failed
 * fetch is not kept.
 */
export function modelPrices(relay: UpstreamRelay, dialect: DialectName): ModelPrices {
  let chat: Cached<Map<string, ImageModel>> | undefined;
  const images = new Map<string, Cached<ImageModel | undefined>>();

  async function getJson(path: string): Promise<unknown | undefined> {
    const opened = await relay.open(
      { method: 'GET', path, accept: 'application/json' },
      AbortSignal.timeout(CATALOGUE_TIMEOUT_MS),
    );
    if ('refusal' in opened) {
      await opened.refusal.body?.cancel();
      if (opened.refusal.status === 404) return undefined;
      throw new PricesUnavailable(`the catalogue answered ${opened.refusal.status}`);
    }
    const body = await readLimitedBody(opened.upstream.body, MAX_CATALOGUE_BYTES);
    if ('tooLarge' in body) throw new PricesUnavailable('the catalogue is too large');
    return JSON.parse(new TextDecoder().decode(body.bytes));
  }

  function cached<T>(
    entry: Cached<T> | undefined,
    load: () => Promise<T>,
    keep: (c: Cached<T> | undefined) => void,
  ): Promise<T> {
    if (entry && Date.now() - entry.at < PRICES_TTL_MS) return entry.value;
    const value = load().catch((error: unknown) => {
      keep(undefined);
      throw error instanceof PricesUnavailable ? error : new PricesUnavailable(String(error));
    });
    keep({ at: Date.now(), value });
    return value;
  }

  return {
    async find(wire, id) {
      if (wire === 'chat') {
        const list = await cached(
          chat,
          async () => {
            const path = `${routePath('models')}${getDialect(dialect).modelsQuery({})}`;
            const models = normalizeModels(dialect, await getJson(path));
            return new Map(models.map((m) => [m.id, m]));
          },
          (c) => {
            chat = c;
          },
        );
        return list.get(id) ?? list.get(canonicalModelId(id));
      }
      let path: string;
      try {
        path = imageEndpointsPath(id);
      } catch {
        return undefined;
      }
      return cached(
        images.get(id),
        async () => {
          const json = await getJson(path);
          if (json === undefined) return undefined;
          const bare: ImageModel = {
            id,
            name: id,
            provider: id.split('/')[0] ?? id,
            inputModalities: [],
            outputModalities: ['image'],
            pricing: {},
            supportedParameters: [],
            contextLength: undefined,
            raw: undefined,
          };
          return applyImageEndpoints(bare, json);
        },
        (c) => {
          images.delete(id);
          if (!c) return;
          if (images.size >= MAX_PRICED_MODELS) images.delete(images.keys().next().value as string);
          images.set(id, c);
        },
      );
    },
  };
}
