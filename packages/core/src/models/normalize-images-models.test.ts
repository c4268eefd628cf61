import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/invalid-response-error';
import {
  gptImageListEntry,
  imagesModelList,
  seedreamListEntry,
} from '../test-utils/images-wire-examples';
import { normalizeImagesModels } from './normalize-images-models';

describe('normalizeImagesModels', () => {
  it('GET /images/models → ImageModel with api "images", typed parameters and streaming', () => {
    const [seedream, gptImage] = normalizeImagesModels(imagesModelList);
    expect(seedream).toEqual({
      id: 'bytedance-seed/seedream-4.5',
      name: 'Seedream 4.5',
      provider: 'bytedance-seed',
      inputModalities: ['text', 'image'],
      outputModalities: ['image'],
      pricing: {},
      supportedParameters: ['resolution', 'seed'],
      contextLength: undefined,
      raw: seedreamListEntry,
      api: 'images',
      parameters: {
        resolution: { type: 'enum', values: ['1K', '2K', '4K'] },
        seed: { type: 'boolean' },
      },
      supportsStreaming: false,
    });
    expect(gptImage?.parameters?.n).toEqual({ type: 'range', min: 1, max: 4 });
    expect(gptImage?.supportsStreaming).toBe(true);
    expect(gptImage?.raw).toEqual(gptImageListEntry);
  });

  it('a descriptor it does not know, or a bare list of names, still means "supported"', () => {
    const [model] = normalizeImagesModels({
      data: [
        {
          id: 'x/y',
          supported_parameters: { style: { type: 'string' }, n: { type: 'range', min: 1 } },
        },
        { id: 'x/z', supported_parameters: ['seed'] },
      ],
    });
    expect(model?.parameters).toEqual({ style: { type: 'boolean' }, n: { type: 'boolean' } });
    expect(model?.name).toBe('x/y');
    expect(model).not.toHaveProperty('supportsStreaming');
    expect(
      normalizeImagesModels([{ id: 'x/z', supported_parameters: ['seed'] }])[0]?.parameters,
    ).toEqual({ seed: { type: 'boolean' } });
  });

  it('skips entries without an id; a body that is not a list is InvalidResponseError', () => {
    expect(normalizeImagesModels({ data: [{ name: 'no id' }, seedreamListEntry] })).toHaveLength(1);
    expect(() => normalizeImagesModels({ error: 'x' })).toThrow(InvalidResponseError);
    expect(() => normalizeImagesModels('<html>')).toThrow(
      'The image model list must be { data: [...] } or an array',
    );
  });
});
