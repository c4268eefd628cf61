import { describe, expect, it } from 'vitest';
import { EXTENDED_ASPECT_RATIOS, STANDARD_ASPECT_RATIOS } from '../schemas/image-config-values';
import { canonicalModelId } from './canonical-model-id';
import { capabilitiesOf } from './capabilities-of';
import { estimateImageCost } from './estimate-image-cost';
import type { ImageModel } from './image-model';
import { imagePixelSize } from './image-pixel-size';

describe('capabilitiesOf', () => {
  it('gives the extended ratios and 0.5K only to the Gemini 3.x Flash image models', () => {
    for (const id of [
      'google/gemini-3.1-flash-image-preview',
      'google/gemini-3.1-flash-image',
      'openrouter/google/gemini-3.1-flash-image-preview',
    ]) {
      const c = capabilitiesOf(id);
      expect(c.aspectRatios).toEqual(expect.arrayContaining([...EXTENDED_ASPECT_RATIOS]));
      expect(c.imageSizes).toContain('0.5K');
    }
    for (const id of ['google/gemini-2.5-flash-image', 'google/gemini-3-pro-image-preview']) {
      const c = capabilitiesOf(id);
      expect(c.aspectRatios).toEqual(STANDARD_ASPECT_RATIOS);
      expect(c.imageSizes).toEqual(['1K', '2K', '4K']);
      expect(c.outputsText).toBe(true);
    }
  });

  it('knows image-only families and leaves the unknown undocumented', () => {
    expect(capabilitiesOf('bytedance-seed/seedream-4.5').outputsText).toBe(false);
    expect(capabilitiesOf('microsoft/mai-image-2.5').aspectRatios).toHaveLength(7);
    expect(capabilitiesOf('acme/unknown')).toEqual({
      aspectRatios: undefined,
      imageSizes: undefined,
      outputsText: undefined,
    });
  });

  it('reads text output from a catalog entry', () => {
    const entry = {
      id: 'google/gemini-2.5-flash-image',
      name: '',
      provider: 'google',
      inputModalities: ['text'],
      outputModalities: ['image'],
      pricing: {},
      supportedParameters: [],
      contextLength: undefined,
      raw: {},
    };
    expect(capabilitiesOf(entry).outputsText).toBe(false);
  });
});

describe('imagePixelSize', () => {
  it('returns the documented 1K sizes and scales them for 2K/4K/0.5K', () => {
    expect(imagePixelSize()).toEqual({ width: 1024, height: 1024 });
    expect(imagePixelSize('16:9')).toEqual({ width: 1344, height: 768 });
    expect(imagePixelSize('21:9', '1K')).toEqual({ width: 1536, height: 672 });
    expect(imagePixelSize('16:9', '4K')).toEqual({ width: 5376, height: 3072 });
    expect(imagePixelSize('1:1', '0.5K')).toEqual({ width: 512, height: 512 });
  });
});

describe('estimateImageCost', () => {
  const model = (id: string, pricing: ImageModel['pricing']): ImageModel => ({
    id,
    name: id,
    provider: 'google',
    inputModalities: ['text'],
    outputModalities: ['image', 'text'],
    pricing,
    supportedParameters: [],
    contextLength: undefined,
    raw: {},
  });

  it('prices an image from its per-token price and the reported image tokens', () => {
    // The real capture: 1290 image tokens at $30/M, billed $0.0387 (plus the prompt).
    expect(
      estimateImageCost(
        model('google/gemini-2.5-flash-image', { imageOutputPerMillionTokens: 30 }),
      ),
    ).toBe(0.0387);
    expect(
      estimateImageCost(
        model('google/gemini-3-pro-image-preview', { outputPerMillionTokens: 120 }),
        '4K',
      ),
    ).toBe(0.24);
  });

  it('does not guess where tokens or price are unknown', () => {
    expect(
      estimateImageCost(
        model('google/gemini-3-pro-image-preview', { outputPerMillionTokens: 120 }),
        '2K',
      ),
    ).toBeUndefined();
    expect(
      estimateImageCost(model('black-forest-labs/flux.2-pro', { imageOutputPerMillionTokens: 30 })),
    ).toBeUndefined();
    expect(estimateImageCost(model('google/gemini-2.5-flash-image', {}))).toBeUndefined();
  });
});

describe('canonicalModelId', () => {
  it('strips the Lunos provider prefix and a variant suffix', () => {
    expect(canonicalModelId('openrouter/google/gemini-2.5-flash-image:free')).toBe(
      'google/gemini-2.5-flash-image',
    );
    expect(canonicalModelId('google/gemini-2.5-flash-image')).toBe('google/gemini-2.5-flash-image');
    expect(canonicalModelId('black-forest-labs/flux.2-pro')).toBe('black-forest-labs/flux.2-pro');
  });
});
