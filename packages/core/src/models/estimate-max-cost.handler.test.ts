/**
 * What an app shows before Generate is what the route handler reserves: the variables sent by the
 * REAL client to the REAL handler with `limits.spend`, the amount its store is asked to reserve
 * compared with `estimateMaxCost` of the same variables, over models priced per image, per
 * megapixel and per token, sizes, ratios, qualities, `n`, and a model without a price.
 */
import { describe, expect, it } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import { createLunosImageHandler } from '../server/create-lunos-image-handler';
import type { LimitStore } from '../server/limits/limit-store';
import { memoryLimitStore } from '../server/limits/memory-limit-store';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';
import { geminiPricedEntry } from '../test-utils/gemini-priced-entry';
import {
  fluxEndpoints,
  gptImageEndpoints,
  seedreamEndpoints,
} from '../test-utils/images-wire-examples';
import { APP } from '../test-utils/job-handler';
import { applyImageEndpoints } from './apply-image-endpoints';
import { estimateMaxCost } from './estimate-max-cost';
import type { ImageModel } from './image-model';
import { normalizeModels } from './normalize-models';

const UNPRICED_USD = 0.25;
const unpricedEntry = {
  id: 'acme/unpriced-image',
  name: 'No price',
  architecture: { input_modalities: ['text'], output_modalities: ['image'] },
  pricing: {},
};
const catalogue = { data: [geminiPricedEntry, unpricedEntry] };
const endpoints: Record<string, unknown> = {
  [seedreamEndpoints.id]: seedreamEndpoints,
  [fluxEndpoints.id]: fluxEndpoints,
  [gptImageEndpoints.id]: gptImageEndpoints,
};

/** The models as an app's picker has them: the chat list, each Images API model's endpoints. */
const chatModels = normalizeModels('openrouter', catalogue);
function modelOf(id: string): ImageModel | undefined {
  const chat = chatModels.find((m) => m.id === id);
  if (chat) return chat;
  const bare: ImageModel = {
    ...(chatModels[0] as ImageModel),
    id,
    name: id,
    pricing: {},
    supportedParameters: [],
  };
  return applyImageEndpoints(bare, endpoints[id]);
}

/** A client on a handler counting spend; what each generation asked the store to reserve. */
function reservingApp() {
  const reserved: number[] = [];
  const memory = memoryLimitStore();
  const store: LimitStore = {
    ...memory,
    reserve: (key, input) => {
      reserved.push(input.usd);
      return memory.reserve(key, input);
    },
    settle: (...args) => memory.settle(...args),
    spent: (...args) => memory.spent(...args),
    hit: (...args) => memory.hit(...args),
  };
  const upstream = fakeFetch((call) => {
    const path = new URL(call.url).pathname;
    if (path.endsWith('/models')) return jsonResponse(catalogue);
    const id = /\/images\/models\/(.+)\/endpoints$/.exec(path)?.[1];
    if (id) return jsonResponse(endpoints[id]);
    // Refused after the reservation: nothing else matters here.
    return jsonResponse({ error: { code: 400, message: 'not today' } }, 400);
  });
  const handler = createLunosImageHandler({
    apiKey: `sk-or-v1-${'5d6e7f80'.repeat(8)}`,
    baseURL: 'https://upstream.test/v1',
    fetch: upstream,
    dialect: 'openrouter',
    limits: {
      spend: { key: () => 'visitor-1', usd: 1000, windowMs: 60_000, unpricedUsd: UNPRICED_USD },
      store,
    },
  });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(new URL(String(input), APP), init))) as typeof globalThis.fetch;
  const client = createLunosImageClient({
    baseURL: APP,
    fetch,
    dialect: 'openrouter',
    maxRetries: 0,
  });
  return { client, reserved };
}

const cases: [string, GenerateImageVariables][] = [
  ['chat, token-priced, 1K', { model: geminiPricedEntry.id }],
  [
    'chat, token-priced, 2K 16:9',
    { model: geminiPricedEntry.id, imageSize: '2K', aspectRatio: '16:9' },
  ],
  ['chat, no price', { model: unpricedEntry.id }],
  [
    'chat, image_config given raw',
    { model: geminiPricedEntry.id, imageConfig: { image_size: '4K' } },
  ],
  ['images, per image, n 3', { model: seedreamEndpoints.id, api: 'images', n: 3 }],
  [
    'images, per image, 4K n 2',
    { model: seedreamEndpoints.id, api: 'images', imageSize: '4K', n: 2 },
  ],
  [
    'images, per megapixel, 2K 16:9 n 2',
    { model: fluxEndpoints.id, api: 'images', imageSize: '2K', aspectRatio: '16:9', n: 2 },
  ],
  [
    'images, per megapixel, pixel size',
    { model: fluxEndpoints.id, api: 'images', size: '1536x1024' },
  ],
  [
    'images, per token by quality, n 4',
    { model: gptImageEndpoints.id, api: 'images', quality: 'low', n: 4 },
  ],
  [
    'images, per token, medium 1024x1536',
    { model: gptImageEndpoints.id, api: 'images', quality: 'medium', size: '1024x1536' },
  ],
];

describe('estimateMaxCost is what the route handler reserves', () => {
  it.each(cases)('%s', async (_, variables) => {
    const { client, reserved } = reservingApp();
    const shown = estimateMaxCost(modelOf(variables.model), variables, {
      unpricedUsd: UNPRICED_USD,
    });
    await expect(client.generateImage({ prompt: 'a lighthouse', ...variables })).rejects.toThrow();
    expect(shown).toBeGreaterThan(0);
    expect(reserved).toEqual([shown]);
  });

  it('prices a model without a price at unpricedUsd per image, none without it', () => {
    const unpriced = modelOf(unpricedEntry.id);
    expect(estimateMaxCost(unpriced, { n: 3 }, { unpricedUsd: UNPRICED_USD })).toBe(0.75);
    expect(estimateMaxCost(undefined, {}, { unpricedUsd: UNPRICED_USD })).toBe(0.25);
    expect(estimateMaxCost(unpriced, { n: 3 })).toBeUndefined();
  });
});
