import { describe, expect, it } from 'vitest';
import {
  IMAGES_ASPECT_RATIOS,
  IMAGES_RESOLUTIONS,
  type ImagesResolution,
  imagesPixelSize,
  ratioParts,
  resolutionOf,
} from './images-pixel-size';
import { imagesUsage } from './images-usage';
import type { MockImageEndpoint } from './mock-image-models';
import { unionDescriptors } from './to-image-model-listing';

describe('imagesPixelSize', () => {
  it('draws every ratio of the API exactly, near the tier’s pixel count', () => {
    for (const ratio of IMAGES_ASPECT_RATIOS.filter((r) => r !== 'auto')) {
      const [a, b] = ratioParts(ratio);
      for (const tier of Object.keys(IMAGES_RESOLUTIONS) as ImagesResolution[]) {
        const { width, height } = imagesPixelSize({ kind: 'exact' }, ratio, tier);
        expect(width * b, `${ratio} ${tier}`).toBe(height * a);
        expect(resolutionOf({ width, height }), `${ratio} ${tier}`).toBe(tier);
      }
    }
    expect(ratioParts('19.5:9')).toEqual([13, 6]);
    expect(ratioParts('2.35:1')).toEqual([47, 20]);
    expect(imagesPixelSize({ kind: 'exact' })).toEqual({ width: 1024, height: 1024 });
    expect(imagesPixelSize({ kind: 'exact' }, 'auto', '2K')).toEqual({ width: 2048, height: 2048 });
  });

  it('keeps Gemini’s documented sizes, and clamps a fixed table to its nearest ratio', () => {
    expect(imagesPixelSize({ kind: 'gemini' }, '16:9', '4K')).toEqual({
      width: 5376,
      height: 3072,
    });
    expect(imagesPixelSize({ kind: 'gemini' }, '1:1', '512')).toEqual({ width: 512, height: 512 });
    // A ratio Gemini's table lacks is drawn exactly.
    expect(imagesPixelSize({ kind: 'gemini' }, '2:1')).toEqual({ width: 1448, height: 724 });
    const table = { kind: 'table', sizes: { '1:1': [1024, 1024], '3:2': [1536, 1024] } } as const;
    expect(imagesPixelSize(table, '16:9')).toEqual({ width: 1536, height: 1024 });
    expect(imagesPixelSize(table, '9:16')).toEqual({ width: 1024, height: 1024 });
  });
});

describe('imagesUsage', () => {
  const base = { prompt: 'a cat on a mat', referenceImages: 0, imageTokens: 1000 };
  const square = { width: 1024, height: 1024 };

  it('bills the output line of the resolution tier, or the untiered one', () => {
    const pricing = [
      { billable: 'output_image', unit: 'image', cost_usd: 0.05 },
      { billable: 'output_image', unit: 'image', cost_usd: 0.2, variant: '4k' },
    ];
    expect(
      imagesUsage({ ...base, pricing, images: [square, square], resolution: '1K' }),
    ).toMatchObject({
      cost: 0.1,
      prompt_tokens: 4,
      completion_tokens: 2000,
      total_tokens: 2004,
    });
    expect(imagesUsage({ ...base, pricing, images: [square], resolution: '4K' }).cost).toBe(0.2);
    expect(imagesUsage({ ...base, pricing, images: [], resolution: '1K' }).cost).toBe(0);
  });

  it('bills references, megapixels and tokens, and nothing for a line it does not know', () => {
    const pricing = [
      { billable: 'output_image', unit: 'megapixel', cost_usd: 0.03 },
      { billable: 'input_reference', unit: 'megapixel', cost_usd: 0.015 },
      { billable: 'input_text', unit: 'token', cost_usd: 0.001 },
      { billable: 'input_font', unit: 'request', cost_usd: 99 },
    ];
    const usage = imagesUsage({
      ...base,
      referenceImages: 2,
      pricing,
      images: [{ width: 2000, height: 1000 }],
      resolution: '2K',
    });
    // 2 MP out, 2 references, 4 + 2 × 258 prompt tokens.
    expect(usage.prompt_tokens).toBe(520);
    expect(usage.cost).toBeCloseTo(0.06 + 0.03 + 0.52, 7);
  });
});

describe('unionDescriptors', () => {
  it('joins enum values and widens ranges across endpoints, as the model-level listing does', () => {
    const endpoint = (supported: MockImageEndpoint['supported_parameters']): MockImageEndpoint => ({
      provider_name: 'P',
      provider_slug: 'p',
      provider_tag: null,
      supported_parameters: supported,
      allowed_passthrough_parameters: [],
      supports_streaming: false,
      pricing: [],
    });
    expect(
      unionDescriptors([
        endpoint({
          resolution: { type: 'enum', values: ['1K', '2K'] },
          n: { type: 'range', min: 1, max: 4 },
        }),
        endpoint({
          resolution: { type: 'enum', values: ['2K', '4K'] },
          n: { type: 'range', min: 1, max: 10 },
          seed: { type: 'boolean' },
        }),
      ]),
    ).toEqual({
      resolution: { type: 'enum', values: ['1K', '2K', '4K'] },
      n: { type: 'range', min: 1, max: 10 },
      seed: { type: 'boolean' },
    });
  });
});
