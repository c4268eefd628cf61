import { describe, expect, it } from 'vitest';
import { InvalidResponseError } from '../errors/invalid-response-error';
import {
  lunosImageModelExample,
  lunosModelExample,
  openRouterImageOnlyModelExample,
  openRouterModelExample,
} from '../test-utils/wire-examples';
import { normalizeModels } from './normalize-models';

describe('normalizeModels', () => {
  it('OpenRouter: modalities from architecture, string prices to numbers per named unit', () => {
    const [gemini, riverflow] = normalizeModels('openrouter', {
      data: [openRouterModelExample, openRouterImageOnlyModelExample],
    });
    expect(gemini).toEqual({
      id: 'google/gemini-3.1-flash-image-preview',
      name: 'Google: Nano Banana 2 (Gemini 3.1 Flash Image Preview)',
      provider: 'google',
      inputModalities: ['image', 'text'],
      outputModalities: ['image', 'text'],
      pricing: { inputPerMillionTokens: 0.5, outputPerMillionTokens: 3 },
      supportedParameters: openRouterModelExample.supported_parameters,
      contextLength: 65536,
      raw: openRouterModelExample,
    });
    expect(riverflow?.outputModalities).toEqual(['image']);
    expect(riverflow?.pricing).toEqual({
      inputPerMillionTokens: 0,
      outputPerMillionTokens: 0,
      imageOutputPerMillionTokens: 31.1377,
    });
    expect(riverflow?.contextLength).toBeUndefined();
  });

  it('OpenRouter: falls back to the "in->out" modality string and drops negative prices', () => {
    const [model] = normalizeModels('openrouter', {
      data: [
        { id: 'x/y', architecture: { modality: 'text+image->image' }, pricing: { prompt: '-1' } },
      ],
    });
    expect(model?.inputModalities).toEqual(['text', 'image']);
    expect(model?.outputModalities).toEqual(['image']);
    expect(model?.pricing).toEqual({});
    expect(model?.name).toBe('x/y');
  });

  it('Lunos: camelCase entries as a bare array, { data } or { models }', () => {
    const expected = [
      {
        id: 'openai/gpt-4o',
        name: 'GPT-4o',
        provider: 'openai',
        inputModalities: ['text', 'image'],
        outputModalities: ['text'],
        pricing: { inputPerMillionTokens: 5, outputPerMillionTokens: 15 },
        supportedParameters: ['temperature', 'max_tokens'],
        contextLength: 128000,
        raw: lunosModelExample,
      },
      {
        id: 'openrouter/google/gemini-2.5-flash-image',
        name: 'Gemini 2.5 Flash Image',
        provider: 'google',
        inputModalities: ['text', 'image'],
        outputModalities: ['image', 'text'],
        pricing: { inputPerMillionTokens: 0.3, outputPerMillionTokens: 30 },
        supportedParameters: ['temperature'],
        contextLength: 32768,
        raw: lunosImageModelExample,
      },
    ];
    const list = [lunosModelExample, lunosImageModelExample];
    expect(normalizeModels('lunos', list)).toEqual(expected);
    expect(normalizeModels('lunos', { data: list })).toEqual(expected);
    expect(normalizeModels('lunos', { models: list })).toEqual(expected);
  });

  it('skips entries without an id, which cannot be requested', () => {
    expect(normalizeModels('lunos', [{ name: 'no id' }, lunosImageModelExample])).toHaveLength(1);
  });

  it('throws InvalidResponseError when the body is not a list', () => {
    expect(normalizeModels('openrouter', [])).toEqual([]);
    expect(() => normalizeModels('openrouter', '<html>')).toThrow(InvalidResponseError);
    expect(() => normalizeModels('openrouter', '<html>')).toThrow(
      'The openrouter model list must be an array, { data: [...] } or { models: [...] }',
    );
    expect(() => normalizeModels('lunos', { error: 'x' })).toThrow(
      'The lunos model list must be an array, { data: [...] } or { models: [...] }',
    );
  });
});
