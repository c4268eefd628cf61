import { describe, expect, it } from 'vitest';
import { estimateImageCost } from './estimate-image-cost';
import type { ImageModel, ImageModelPricing } from './image-model';

const model = (pricing: ImageModelPricing, id = 'acme/image'): ImageModel => ({
  id,
  name: id,
  provider: 'acme',
  inputModalities: ['text'],
  outputModalities: ['image'],
  pricing,
  supportedParameters: [],
  contextLength: undefined,
  raw: {},
  api: 'images',
});

describe('estimateImageCost over Images API prices', () => {
  it('per image, times n, plus any per-request price', () => {
    expect(estimateImageCost(model({ perImage: 0.04 }))).toBe(0.04);
    expect(estimateImageCost(model({ perImage: 0.04 }), { n: 3 })).toBe(0.12);
    expect(estimateImageCost(model({ perImage: 0.04, perRequest: 0.01 }), { n: 2 })).toBe(0.09);
  });

  it('per megapixel, from the pixel size of the ratio and resolution', () => {
    const flux = model({ perMegapixel: 0.03 });
    // 1024×1024 = 1.048576 MP; 16:9 at 2K is 2688×1536 = 4.128768 MP.
    expect(estimateImageCost(flux)).toBe(0.03145728);
    expect(estimateImageCost(flux, { aspectRatio: '16:9', imageSize: '2K', n: 2 })).toBe(
      0.24772608,
    );
    expect(estimateImageCost(flux, { imageSize: '512' })).toBe(0.00786432);
  });

  it('a tiered price for the resolution wins over the base one', () => {
    const tiered = model({
      perImage: 0.03,
      variants: { '4k': { perImage: 0.09 }, '512': { perMegapixel: 0.01 } },
    });
    expect(estimateImageCost(tiered, '4K')).toBe(0.09);
    expect(estimateImageCost(tiered, '2K')).toBe(0.03);
    expect(estimateImageCost(tiered, { imageSize: '0.5K' })).toBe(0.00262144);
  });

  it('token prices still work, times n; nothing known is undefined', () => {
    const gemini = model({ imageOutputPerMillionTokens: 30 }, 'google/gemini-2.5-flash-image');
    expect(estimateImageCost(gemini)).toBe(0.0387);
    expect(estimateImageCost(gemini, { n: 2 })).toBe(0.0774);
    expect(estimateImageCost(model({}))).toBeUndefined();
    expect(estimateImageCost(model({ perRequest: 0.01 }))).toBeUndefined();
  });

  it('GPT Image per token: the published tokens for each size and quality, times n', () => {
    // $40 per million output image tokens, as the listing prices gpt-image-1.
    const gpt = model({ imageOutputPerMillionTokens: 40 }, 'openai/gpt-image-1');
    const table = {
      low: { '1024x1024': 0.01088, '1024x1536': 0.01632, '1536x1024': 0.016 },
      medium: { '1024x1024': 0.04224, '1024x1536': 0.06336, '1536x1024': 0.06272 },
      high: { '1024x1024': 0.1664, '1024x1536': 0.2496, '1536x1024': 0.24832 },
    } as const;
    for (const [quality, bySize] of Object.entries(table)) {
      for (const [size, cost] of Object.entries(bySize)) {
        expect(estimateImageCost(gpt, { quality: quality as 'low', size })).toBe(cost);
      }
    }
    // The size from the ratio; auto (or nothing) is high, what auto picks; times n.
    expect(estimateImageCost(gpt, { aspectRatio: '2:3', quality: 'low' })).toBe(0.01632);
    expect(estimateImageCost(gpt, { aspectRatio: '3:2', size: 'auto', quality: 'medium' })).toBe(
      0.06272,
    );
    expect(estimateImageCost(gpt)).toBe(0.1664);
    expect(estimateImageCost(gpt, { quality: 'auto', n: 4 })).toBe(0.6656);
    // Outside the table: no estimate, never a guess.
    expect(estimateImageCost(gpt, { aspectRatio: '16:9' })).toBeUndefined();
    expect(estimateImageCost(gpt, { size: '2048x2048' })).toBeUndefined();
    expect(estimateImageCost(gpt, { quality: 'xhigh' })).toBeUndefined();
  });

  it('GPT Image 1 Mini and 1.5 bill the same tokens at their own price; GPT Image 2 has no table', () => {
    const mini = model({ imageOutputPerMillionTokens: 8 }, 'openai/gpt-image-1-mini');
    expect(estimateImageCost(mini, { quality: 'low' })).toBe(0.002176);
    expect(estimateImageCost(mini, { quality: 'high', size: '1024x1536' })).toBe(0.04992);
    const v15 = model({ imageOutputPerMillionTokens: 32 }, 'openai/gpt-image-1.5');
    expect(estimateImageCost(v15, { quality: 'medium', size: '1536x1024' })).toBe(0.050176);
    expect(
      estimateImageCost(model({ imageOutputPerMillionTokens: 30 }, 'openai/gpt-image-2')),
    ).toBe(undefined);
  });

  it('a pixel size is the pixels of a per-megapixel price; a tier as size is the tier', () => {
    const flux = model({ perMegapixel: 0.03 });
    expect(estimateImageCost(flux, { size: '2000x1000' })).toBe(0.06);
    expect(estimateImageCost(flux, { size: '2K' })).toBe(estimateImageCost(flux, '2K'));
    expect(estimateImageCost(flux, { size: '512' })).toBe(0.00786432);
  });
});
