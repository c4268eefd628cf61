import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { ValidationError } from '../errors/validation-error';
import {
  fluxEndpoints,
  gptImageEndpoints,
  gptImageListEntry,
  imagesModelList,
  seedreamEndpoints,
} from '../test-utils/images-wire-examples';
import { applyImageEndpoints } from './apply-image-endpoints';
import { imageEndpointsPath } from './image-endpoints-path';
import type { ImageModel } from './image-model';
import { normalizeImagesModels } from './normalize-images-models';

const [seedream] = normalizeImagesModels(imagesModelList) as [ImageModel];

/** A chat catalog entry: token prices, no typed parameters. */
const chatFlux: ImageModel = {
  id: 'black-forest-labs/flux.2-pro',
  name: 'FLUX.2 Pro',
  provider: 'black-forest-labs',
  inputModalities: ['text', 'image'],
  outputModalities: ['image'],
  pricing: { inputPerMillionTokens: 0 },
  supportedParameters: [],
  contextLength: undefined,
  raw: {},
};

describe('applyImageEndpoints', () => {
  it('fills per-image pricing, parameters and streaming; the model is not changed in place', () => {
    const before = structuredClone(seedream);
    const model = applyImageEndpoints(seedream, seedreamEndpoints);
    expect(model.pricing).toEqual({ perImage: 0.04 });
    expect(model.parameters).toEqual(seedream.parameters);
    expect(model.supportsStreaming).toBe(false);
    expect(seedream).toEqual(before);
  });

  it('per-megapixel prices of the first priced endpoint, the union of all endpoints parameters', () => {
    const model = applyImageEndpoints(chatFlux, fluxEndpoints);
    expect(model.api).toBe('images');
    // The listing's per-token text price replaces the chat catalog's; the others stay.
    expect(model.pricing).toEqual({
      inputPerMillionTokens: 1,
      perMegapixel: 0.03,
      perInputImage: 0.015,
    });
    expect(model.parameters).toEqual({
      aspect_ratio: { type: 'enum', values: ['1:1', '16:9', '9:16'] },
      resolution: { type: 'enum', values: ['1K', '2K', '4K'] },
      seed: { type: 'boolean' },
    });
    expect(model.supportedParameters).toEqual(['aspect_ratio', 'resolution', 'seed']);
    expect(model.supportsStreaming).toBe(true);
  });

  it('per-token prices (GPT Image): cost_usd per token, kept per million tokens', () => {
    const [gpt] = normalizeImagesModels({ data: [gptImageListEntry] }) as [ImageModel];
    const model = applyImageEndpoints(gpt, gptImageEndpoints);
    // Input images per token are left in raw: no estimate uses them.
    expect(model.pricing).toEqual({ imageOutputPerMillionTokens: 40, inputPerMillionTokens: 5 });
  });

  it('tiered prices by variant, request prices, ranges widened, mixed descriptors unconstrained', () => {
    const model = applyImageEndpoints(seedream, {
      data: {
        id: seedream.id,
        endpoints: [
          {
            supported_parameters: {
              n: { type: 'range', min: 1, max: 2 },
              size: { type: 'boolean' },
            },
            pricing: [
              { billable: 'output_image', unit: 'image', cost_usd: 0.03 },
              { billable: 'output_image', unit: 'image', cost_usd: 0.05, variant: '2K' },
              { billable: 'output_image', unit: 'image', cost_usd: 0.09, variant: '4k' },
              { billable: 'request', unit: 'request', cost_usd: 0.001 },
              { billable: 'output_image', unit: 'image', cost_usd: -1, variant: '8k' },
            ],
          },
          {
            supported_parameters: {
              n: { type: 'range', min: 1, max: 6 },
              size: { type: 'enum', values: ['1K'] },
            },
          },
        ],
      },
    });
    expect(model.pricing).toEqual({
      perImage: 0.03,
      perRequest: 0.001,
      variants: { '2k': { perImage: 0.05 }, '4k': { perImage: 0.09 } },
    });
    expect(model.parameters).toEqual({
      n: { type: 'range', min: 1, max: 6 },
      size: { type: 'boolean' },
    });
    expect(model.supportsStreaming).toBe(seedream.supportsStreaming);
  });

  it('an empty listing changes nothing but the wire; another shape is InvalidResponseError', () => {
    const model = applyImageEndpoints(chatFlux, { endpoints: [] });
    expect(model).toEqual({ ...chatFlux, api: 'images' });
    expect(() => applyImageEndpoints(chatFlux, { endpoints: 'none' })).toThrow(
      InvalidResponseError,
    );
    expect(() => applyImageEndpoints(chatFlux, '<html>')).toThrow(
      'The image model endpoints does not match the API',
    );
  });
});

describe('imageEndpointsPath', () => {
  it('builds the listing path of a model id, encoded, without a variant suffix', () => {
    expect(imageEndpointsPath('bytedance-seed/seedream-4.5')).toBe(
      '/images/models/bytedance-seed/seedream-4.5/endpoints',
    );
    expect(imageEndpointsPath('openai/gpt image?x:free')).toBe(
      '/images/models/openai/gpt%20image%3Fx/endpoints',
    );
  });

  it('refuses an id that could leave the path', () => {
    for (const id of ['../admin', 'openai/..', 'solo', 'a//b', 'a/b/c']) {
      expect(() => imageEndpointsPath(id)).toThrow(ValidationError);
    }
  });
});
