import { ASPECT_RATIOS } from '@lunos-image/core';

/** A typed parameter descriptor of the Images API's model listings (api-wire-format.md §9). */
export type CapabilityDescriptor =
  | { type: 'enum'; values: readonly string[] }
  | { type: 'range'; min: number; max: number }
  | { type: 'boolean' };

/** One billable line of an endpoint's pricing, as the API lists it. */
export interface ImagePricingLine {
  billable: 'output_image' | 'input_image' | 'input_reference' | 'input_text';
  unit: 'image' | 'megapixel' | 'token';
  cost_usd: number;
  /** A tier such as `1k` or `4k` for resolution-tiered prices. */
  variant?: string;
}

/** One provider serving an image model, as `GET /images/models/{id}/endpoints` lists it. */
export interface MockImageEndpoint {
  provider_name: string;
  provider_slug: string;
  provider_tag: string | null;
  supported_parameters: Readonly<Record<string, CapabilityDescriptor>>;
  allowed_passthrough_parameters: readonly string[];
  supports_streaming: boolean;
  pricing: readonly ImagePricingLine[];
}

/**
 * How a model turns a ratio and a resolution into pixels: Gemini's documented table (core's
 * `imagePixelSize`), a fixed table of its own (OpenAI's three sizes), or the exact ratio at about
 * 1024² pixels per `1K`.
 */
export type ImageSizing =
  | { kind: 'gemini' }
  | { kind: 'table'; sizes: Readonly<Record<string, readonly [number, number]>> }
  | { kind: 'exact' };

/** What the mock knows about an Images API model to list it, validate a request and draw it. */
export interface MockImageModel {
  id: string;
  name: string;
  description: string;
  /** Unix seconds. */
  created: number;
  input: readonly ('text' | 'image')[];
  endpoints: readonly MockImageEndpoint[];
  sizing: ImageSizing;
  /** Completion tokens reported per image of one megapixel (scaled by the image's area). */
  imageTokens: number;
}

// Gemini's ratios, as core lists them for the chat route.
const GEMINI_RATIOS: readonly string[] = ASPECT_RATIOS;

const geminiEndpoint = (name: string, slug: string): MockImageEndpoint => ({
  provider_name: name,
  provider_slug: slug,
  provider_tag: slug,
  supported_parameters: {
    aspect_ratio: { type: 'enum', values: GEMINI_RATIOS },
    resolution: { type: 'enum', values: ['512', '1K', '2K', '4K'] },
  },
  allowed_passthrough_parameters: [],
  supports_streaming: false,
  pricing: [
    { billable: 'input_text', unit: 'token', cost_usd: 0.0000005 },
    { billable: 'input_image', unit: 'token', cost_usd: 0.0000005 },
    { billable: 'output_image', unit: 'image', cost_usd: 0.045, variant: '512' },
    { billable: 'output_image', unit: 'image', cost_usd: 0.067, variant: '1k' },
    { billable: 'output_image', unit: 'image', cost_usd: 0.101, variant: '2k' },
    { billable: 'output_image', unit: 'image', cost_usd: 0.151, variant: '4k' },
  ],
});

/**
 * The Images API models of the mock (`GET /images/models`): a Gemini model (no streaming, one
 * image per request, ratio and resolution, priced per image by tier), an OpenAI model (streams
 * partial images, quality, background, output format and compression, pixel sizes, up to 10
 * images, priced per token), a FLUX model (priced per megapixel, seed) and Seedream (a few images
 * per request, priced per image). Reconstructed from the docs and the SDK's schemas, not recorded.
 */
export const MOCK_IMAGE_MODELS: readonly MockImageModel[] = [
  {
    id: 'google/gemini-3.1-flash-image-preview',
    name: 'Google: Nano Banana 2 (Gemini 3.1 Flash Image Preview)',
    description: 'Gemini 3.1 Flash Image: fast generation with extended aspect ratios and 512 px.',
    created: 1772064000,
    input: ['text', 'image'],
    endpoints: [
      geminiEndpoint('Google AI Studio', 'google-ai-studio'),
      geminiEndpoint('Google Vertex', 'google-vertex'),
    ],
    sizing: { kind: 'gemini' },
    imageTokens: 1290,
  },
  {
    id: 'openai/gpt-image-1',
    name: 'OpenAI: GPT Image 1',
    description: 'GPT Image 1: generation and editing, with partial images when streamed.',
    created: 1745452800,
    input: ['text', 'image'],
    endpoints: [
      {
        provider_name: 'OpenAI',
        provider_slug: 'openai',
        provider_tag: 'openai',
        supported_parameters: {
          n: { type: 'range', min: 1, max: 10 },
          aspect_ratio: { type: 'enum', values: ['1:1', '3:2', '2:3', 'auto'] },
          size: { type: 'enum', values: ['auto', '1024x1024', '1536x1024', '1024x1536'] },
          quality: { type: 'enum', values: ['auto', 'low', 'medium', 'high'] },
          background: { type: 'enum', values: ['auto', 'transparent', 'opaque'] },
          output_format: { type: 'enum', values: ['png', 'jpeg', 'webp'] },
          output_compression: { type: 'range', min: 0, max: 100 },
        },
        allowed_passthrough_parameters: ['moderation'],
        supports_streaming: true,
        pricing: [
          { billable: 'input_text', unit: 'token', cost_usd: 0.000005 },
          { billable: 'input_image', unit: 'token', cost_usd: 0.00001 },
          { billable: 'output_image', unit: 'token', cost_usd: 0.00004 },
        ],
      },
    ],
    sizing: {
      kind: 'table',
      sizes: { '1:1': [1024, 1024], '3:2': [1536, 1024], '2:3': [1024, 1536] },
    },
    imageTokens: 1056,
  },
  {
    id: 'black-forest-labs/flux.2-pro',
    name: 'Black Forest Labs: FLUX.2 [pro]',
    description: 'FLUX.2 [pro]: image-only generation and editing, billed per megapixel.',
    created: 1764028800,
    input: ['text', 'image'],
    endpoints: [
      {
        provider_name: 'Black Forest Labs',
        provider_slug: 'black-forest-labs',
        provider_tag: 'black-forest-labs',
        supported_parameters: {
          aspect_ratio: {
            type: 'enum',
            values: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'],
          },
          resolution: { type: 'enum', values: ['1K', '2K'] },
          seed: { type: 'boolean' },
        },
        allowed_passthrough_parameters: ['steps', 'guidance', 'safety_tolerance'],
        supports_streaming: false,
        pricing: [
          { billable: 'output_image', unit: 'megapixel', cost_usd: 0.03 },
          { billable: 'input_reference', unit: 'megapixel', cost_usd: 0.015 },
        ],
      },
    ],
    sizing: { kind: 'exact' },
    imageTokens: 0,
  },
  {
    id: 'bytedance-seed/seedream-4.5',
    name: 'ByteDance Seed: Seedream 4.5',
    description: 'Seedream 4.5: image-only generation up to 4K, several images per request.',
    created: 1764720000,
    input: ['text', 'image'],
    endpoints: [
      {
        provider_name: 'Bytedance',
        provider_slug: 'bytedance',
        provider_tag: 'bytedance',
        supported_parameters: {
          n: { type: 'range', min: 1, max: 4 },
          aspect_ratio: {
            type: 'enum',
            values: ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3', '21:9'],
          },
          resolution: { type: 'enum', values: ['1K', '2K', '4K'] },
          seed: { type: 'boolean' },
        },
        allowed_passthrough_parameters: [],
        supports_streaming: false,
        pricing: [{ billable: 'output_image', unit: 'image', cost_usd: 0.04 }],
      },
    ],
    sizing: { kind: 'exact' },
    imageTokens: 4175,
  },
];
