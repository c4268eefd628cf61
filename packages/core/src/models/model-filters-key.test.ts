import { describe, expect, it } from 'vitest';
import { defaultModalities } from './default-modalities';
import { modelFiltersKey, normalizeModelFilters, withDefaultFilters } from './model-filters-key';

describe('modelFiltersKey', () => {
  it('fills in the defaults and ignores order', () => {
    expect(withDefaultFilters()).toEqual({ input: ['text'], output: ['image'] });
    expect(normalizeModelFilters({ output: ['text', 'image'] }).output).toEqual(['image', 'text']);
    expect(modelFiltersKey()).toBe(modelFiltersKey({ input: ['text'], output: ['image'] }));
    expect(modelFiltersKey({ output: ['text', 'image'] })).toBe(
      modelFiltersKey({ output: ['image', 'text'] }),
    );
    expect(modelFiltersKey({ input: ['image'] })).not.toBe(modelFiltersKey());
  });

  it('keeps the Images API catalog apart from the chat one', () => {
    expect(modelFiltersKey({ api: 'images' })).not.toBe(modelFiltersKey());
    expect(modelFiltersKey({ api: 'chat' })).toBe(modelFiltersKey());
  });
});

describe('defaultModalities', () => {
  it('asks for text only from models that answer with text', () => {
    expect(defaultModalities('google/gemini-2.5-flash-image')).toEqual(['image', 'text']);
    expect(defaultModalities('black-forest-labs/flux.2-pro')).toEqual(['image']);
    expect(defaultModalities('unknown/model')).toEqual(['image']);
  });
});
