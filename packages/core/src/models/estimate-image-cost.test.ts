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
});
