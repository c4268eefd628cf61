/**
 * Images API examples (api-wire-format §9 and OpenRouter's image-generation guide) as test data,
 * and builders of realistic streams: real PNGs, previews smaller than the final picture.
 */
import { encodeBase64 } from '../image/base64';
import { makePng } from '../image/test-utils/make-test-image';
import type { SseItem } from '../sse/sse-item';

/** A 16:9 picture and two blurrier, smaller previews of it, as base64 PNGs. */
export const finalPng = encodeBase64(makePng(32, 18, [30, 90, 200]));
export const secondPng = encodeBase64(makePng(32, 18, [200, 60, 30]));
export const previewPngs = [
  encodeBase64(makePng(8, 5, [40, 80, 160])),
  encodeBase64(makePng(16, 9, [35, 85, 190])),
] as const;

export const imagesUsage = {
  prompt_tokens: 16,
  completion_tokens: 272,
  total_tokens: 288,
  cost: 0.011,
  is_byok: false,
  completion_tokens_details: { image_tokens: 272 },
};

export const seedreamListEntry = {
  id: 'bytedance-seed/seedream-4.5',
  name: 'Seedream 4.5',
  description: 'A text-to-image model.',
  created: 1692901234,
  architecture: { input_modalities: ['text', 'image'], output_modalities: ['image'] },
  supported_parameters: {
    resolution: { type: 'enum', values: ['1K', '2K', '4K'] },
    seed: { type: 'boolean' },
  },
  supports_streaming: false,
  endpoints: '/api/v1/images/models/bytedance-seed/seedream-4.5/endpoints',
};

export const gptImageListEntry = {
  id: 'openai/gpt-image-1',
  name: 'OpenAI: GPT Image 1',
  created: 1745000000,
  architecture: { input_modalities: ['text', 'image'], output_modalities: ['image'] },
  supported_parameters: {
    n: { type: 'range', min: 1, max: 4 },
    aspect_ratio: { type: 'enum', values: ['1:1', '2:3', '3:2', 'auto'] },
    quality: { type: 'enum', values: ['auto', 'low', 'medium', 'high'] },
    output_format: { type: 'enum', values: ['png', 'jpeg', 'webp'] },
    background: { type: 'enum', values: ['auto', 'transparent', 'opaque'] },
    output_compression: { type: 'range', min: 0, max: 100 },
    input_references: { type: 'range', min: 0, max: 4 },
  },
  supports_streaming: true,
  endpoints: '/api/v1/images/models/openai/gpt-image-1/endpoints',
};

export const imagesModelList = { data: [seedreamListEntry, gptImageListEntry] };

export const seedreamEndpoints = {
  id: 'bytedance-seed/seedream-4.5',
  endpoints: [
    {
      provider_name: 'Bytedance',
      provider_slug: 'bytedance',
      provider_tag: 'bytedance',
      supported_parameters: {
        resolution: { type: 'enum', values: ['1K', '2K', '4K'] },
        seed: { type: 'boolean' },
      },
      allowed_passthrough_parameters: [],
      supports_streaming: false,
      pricing: [{ billable: 'output_image', unit: 'image', cost_usd: 0.04 }],
    },
  ],
};

export const fluxEndpoints = {
  id: 'black-forest-labs/flux.2-pro',
  endpoints: [
    {
      provider_name: 'Black Forest Labs',
      provider_slug: 'black-forest-labs',
      provider_tag: null,
      supported_parameters: {
        aspect_ratio: { type: 'enum', values: ['1:1', '16:9'] },
        resolution: { type: 'enum', values: ['1K', '2K'] },
      },
      allowed_passthrough_parameters: ['steps', 'guidance'],
      supports_streaming: false,
      pricing: [
        { billable: 'output_image', unit: 'megapixel', cost_usd: 0.03 },
        { billable: 'input_reference', unit: 'image', cost_usd: '0.015' },
        { billable: 'input_text', unit: 'token', cost_usd: 0.000001 },
      ],
    },
    {
      provider_name: 'Other',
      provider_slug: 'other',
      supported_parameters: {
        aspect_ratio: { type: 'enum', values: ['9:16'] },
        resolution: { type: 'enum', values: ['4K'] },
        seed: { type: 'boolean' },
      },
      supports_streaming: true,
      pricing: [{ billable: 'output_image', unit: 'megapixel', cost_usd: 0.05 }],
    },
  ],
};

/** GPT Image 1's listing: priced per token, as OpenAI bills it ($5/M text in, $40/M image out). */
export const gptImageEndpoints = {
  id: 'openai/gpt-image-1',
  endpoints: [
    {
      provider_name: 'OpenAI',
      provider_slug: 'openai',
      provider_tag: 'openai',
      supported_parameters: gptImageListEntry.supported_parameters,
      allowed_passthrough_parameters: [],
      supports_streaming: true,
      pricing: [
        { billable: 'input_text', unit: 'token', cost_usd: 0.000005 },
        { billable: 'input_image', unit: 'token', cost_usd: 0.00001 },
        { billable: 'output_image', unit: 'token', cost_usd: '0.00004' },
      ],
    },
  ],
};

export const imagesEvent = {
  partial: (partialIndex: number, b64 = previewPngs[partialIndex % 2] as string) => ({
    type: 'image_generation.partial_image',
    partial_image_index: partialIndex,
    b64_json: b64,
  }),
  text: (text: string, phase?: string) => ({
    type: 'image_generation.text_chunk',
    text,
    ...(phase && { phase }),
  }),
  completed: (b64 = finalPng, usage: unknown = imagesUsage) => ({
    type: 'image_generation.completed',
    b64_json: b64,
    created: 1748372400,
    ...(usage !== undefined && { usage }),
  }),
  error: {
    type: 'error',
    error: {
      message: 'Generation failed',
      code: 'server_error',
      param: null,
      type: 'server_error',
    },
  },
} as const;

/** An SSE `data:` event item, as the SSE parser reports it. */
export const sseEvent = (json: unknown, event = 'message'): SseItem => ({
  type: 'event',
  event,
  id: '',
  data: typeof json === 'string' ? json : JSON.stringify(json),
});

/** The JSON answer of the same run. */
export const imagesJsonAnswer = (images: readonly string[] = [finalPng]) => ({
  created: 1748372400,
  data: images.map((b64_json) => ({ b64_json })),
  usage: imagesUsage,
});
