import { canonicalModelId } from '@lunos-image/core';
import { z } from 'zod';
import type { PricingLineLike } from '../catalogue/images-usage';
import {
  type CapabilityDescriptor,
  type ImageSizing,
  MOCK_IMAGE_MODELS,
  type MockImageModel,
} from '../catalogue/mock-image-models';
import {
  toImageEndpointsListing,
  toImageModelListItem,
  unionDescriptors,
} from '../catalogue/to-image-model-listing';
import { InvalidFixtureError } from '../errors/invalid-fixture-error';
import type { Fixture } from '../fixture/fixture-schema';
import type { FixtureSet } from '../fixture/fixture-set';
import type { MockRoute } from './mock-types';
import { requestRoute } from './request-route';

const descriptorSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enum'), values: z.array(z.string()) }),
  z.looseObject({ type: z.literal('range'), min: z.number(), max: z.number() }),
  z.looseObject({ type: z.literal('boolean') }),
]);

const listingSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      supported_parameters: z.record(z.string(), descriptorSchema),
      supports_streaming: z.boolean(),
    }),
  ),
});

// Billable and unit are open enums: a line the mock does not know costs nothing.
const pricingLineSchema = z.looseObject({
  billable: z.string(),
  unit: z.string(),
  cost_usd: z.number(),
  variant: z.string().optional(),
});

const endpointsSchema = z.looseObject({
  id: z.string(),
  endpoints: z.array(z.looseObject({ pricing: z.array(pricingLineSchema) })),
});

/** What the Images API routes know about one model. */
export interface ImageCatalogueEntry {
  id: string;
  /** Its `GET …/images/models` entry; `endpoints` is rewritten to the base of each request. */
  listing: Record<string, unknown>;
  supportedParameters: Readonly<Record<string, CapabilityDescriptor>>;
  supportsStreaming: boolean;
  /** Its `GET …/endpoints` answer, when known. */
  endpoints: Record<string, unknown> | undefined;
  /** The first endpoint's prices (the one the mock "routes" to). */
  pricing: readonly PricingLineLike[];
  sizing: ImageSizing;
  /** Completion tokens per one-megapixel image. */
  imageTokens: number;
}

export interface ImageCatalogue {
  models: readonly ImageCatalogueEntry[];
  /** The entry of a model id (Lunos's `openrouter/` prefix ignored). */
  find(id: string): ImageCatalogueEntry | undefined;
}

const recordedJson = (fixture: Fixture | undefined) =>
  fixture?.response.body.kind === 'json' ? fixture.response.body.json : undefined;

function parseRecorded<T>(schema: z.ZodType<T>, fixture: Fixture): T {
  const parsed = schema.safeParse(recordedJson(fixture));
  if (!parsed.success) {
    throw new InvalidFixtureError(
      fixture.id,
      parsed.error.issues.map((i) => ({
        path: ['response', 'body', 'json', ...i.path],
        message: i.message,
      })),
    );
  }
  return parsed.data;
}

const isRecordedGet = (f: Fixture, route: MockRoute) =>
  requestRoute(f.request.method, f.request.path) === route &&
  f.response.status === 200 &&
  f.response.body.kind === 'json';

function builtInEntry(model: MockImageModel): ImageCatalogueEntry {
  return {
    id: model.id,
    listing: toImageModelListItem(model, ''),
    supportedParameters: unionDescriptors(model.endpoints),
    supportsStreaming: model.endpoints.some((e) => e.supports_streaming),
    endpoints: toImageEndpointsListing(model),
    pricing: model.endpoints[0]?.pricing ?? [],
    sizing: model.sizing,
    imageTokens: model.imageTokens,
  };
}

/**
 * The image models the Images API routes serve: from the set's recorded `GET …/images/models`
 * (and `…/endpoints`) when it has them, else the built-in catalogue. Sizes and token counts come
 * from the built-in entry of the same id (any other model is drawn at its exact ratio).
 */
export function imagesCatalogue(set: FixtureSet | undefined): ImageCatalogue {
  const builtIn = new Map(MOCK_IMAGE_MODELS.map((m) => [m.id, builtInEntry(m)]));
  const listFixture = set?.fixtures.find((f) => isRecordedGet(f, 'image-models'));
  const recordedEndpoints = new Map<string, z.output<typeof endpointsSchema>>();
  for (const f of set?.fixtures ?? []) {
    if (!isRecordedGet(f, 'image-endpoints')) continue;
    const listing = parseRecorded(endpointsSchema, f);
    recordedEndpoints.set(listing.id, listing);
  }
  const models = listFixture
    ? parseRecorded(listingSchema, listFixture).data.map((item): ImageCatalogueEntry => {
        const known = builtIn.get(item.id);
        const endpoints = recordedEndpoints.get(item.id);
        return {
          id: item.id,
          listing: item,
          supportedParameters: item.supported_parameters,
          supportsStreaming: item.supports_streaming,
          endpoints: endpoints ?? known?.endpoints,
          pricing: endpoints ? (endpoints.endpoints[0]?.pricing ?? []) : (known?.pricing ?? []),
          sizing: known?.sizing ?? { kind: 'exact' },
          imageTokens: known?.imageTokens ?? 0,
        };
      })
    : [...builtIn.values()];
  return {
    models,
    find: (id) => models.find((m) => canonicalModelId(m.id) === canonicalModelId(id)),
  };
}
