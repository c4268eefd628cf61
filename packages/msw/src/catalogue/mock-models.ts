export type InputModality = 'text' | 'image' | 'file' | 'audio';
export type OutputModality = 'text' | 'image';

/**
 * What the mock knows about a model to list it in both dialects. Its ratios and sizes come from
 * core's `capabilitiesOf`, so the mock and the client agree on them.
 */
export interface MockModel {
  id: string;
  name: string;
  canonicalSlug: string;
  /** Unix seconds. */
  created: number;
  description: string;
  /** Display name of the upstream provider, as in `provider` of responses. */
  providerName: string;
  input: readonly InputModality[];
  output: readonly OutputModality[];
  contextLength: number;
  maxCompletionTokens: number;
  /** USD per token (prompt, completion, imageOutput) and per input image (image), as strings. */
  pricing: { prompt: string; completion: string; image?: string; imageOutput?: string };
  supportedParameters: readonly string[];
  /** Completion tokens billed per 1K image. */
  imageTokens: number;
}

const geminiParameters = ['max_tokens', 'response_format', 'seed', 'stop', 'temperature', 'top_p'];

/**
 * The mock's model catalogue (api-wire-format.md §2.4, §7): Gemini image models (image+text),
 * image-only models, and two text models so filters have something to filter out.
 */
export const MOCK_MODELS: readonly MockModel[] = [
  {
    id: 'google/gemini-2.5-flash-image',
    name: 'Google: Gemini 2.5 Flash Image (Nano Banana)',
    canonicalSlug: 'google/gemini-2.5-flash-image',
    created: 1759881600,
    description: 'Gemini 2.5 Flash Image generates and edits images from text and image prompts.',
    providerName: 'Google AI Studio',
    input: ['image', 'text'],
    output: ['image', 'text'],
    contextLength: 32768,
    maxCompletionTokens: 32768,
    pricing: {
      prompt: '0.0000003',
      completion: '0.0000025',
      image: '0.000001238',
      imageOutput: '0.00003',
    },
    supportedParameters: geminiParameters,
    imageTokens: 1290,
  },
  {
    id: 'google/gemini-3-pro-image-preview',
    name: 'Google: Nano Banana Pro (Gemini 3 Pro Image Preview)',
    canonicalSlug: 'google/gemini-3-pro-image-preview-20251120',
    created: 1763596800,
    description: 'Gemini 3 Pro Image: studio-quality generation and editing up to 4K.',
    providerName: 'Google AI Studio',
    input: ['image', 'text'],
    output: ['image', 'text'],
    contextLength: 65536,
    maxCompletionTokens: 32768,
    pricing: {
      prompt: '0.000002',
      completion: '0.000012',
      image: '0.000002',
      imageOutput: '0.00012',
    },
    supportedParameters: [...geminiParameters, 'include_reasoning', 'reasoning'],
    imageTokens: 1120,
  },
  {
    id: 'google/gemini-3.1-flash-image-preview',
    name: 'Google: Nano Banana 2 (Gemini 3.1 Flash Image Preview)',
    canonicalSlug: 'google/gemini-3.1-flash-image-preview-20260226',
    created: 1772064000,
    description:
      'Gemini 3.1 Flash Image: fast generation with extended aspect ratios and 0.5K output.',
    providerName: 'Google AI Studio',
    input: ['image', 'text'],
    output: ['image', 'text'],
    contextLength: 65536,
    maxCompletionTokens: 65536,
    pricing: { prompt: '0.0000005', completion: '0.000003', imageOutput: '0.00006' },
    supportedParameters: [
      ...geminiParameters,
      'include_reasoning',
      'reasoning',
      'structured_outputs',
    ],
    imageTokens: 1290,
  },
  {
    id: 'openai/gpt-5-image-mini',
    name: 'OpenAI: GPT-5 Image Mini',
    canonicalSlug: 'openai/gpt-5-image-mini',
    created: 1760486400,
    description: 'GPT-5 Mini with GPT Image 1 Mini for image output.',
    providerName: 'OpenAI',
    input: ['file', 'image', 'text'],
    output: ['image', 'text'],
    contextLength: 400000,
    maxCompletionTokens: 128000,
    pricing: {
      prompt: '0.0000025',
      completion: '0.000002',
      image: '0.0000025',
      imageOutput: '0.000008',
    },
    supportedParameters: [
      'max_tokens',
      'reasoning',
      'response_format',
      'seed',
      'structured_outputs',
    ],
    imageTokens: 1056,
  },
  {
    id: 'black-forest-labs/flux.2-pro',
    name: 'Black Forest Labs: FLUX.2 [pro]',
    canonicalSlug: 'black-forest-labs/flux.2-pro-20251125',
    created: 1764028800,
    description: 'FLUX.2 [pro]: image-only generation and editing with strong prompt adherence.',
    providerName: 'Black Forest Labs',
    input: ['image', 'text'],
    output: ['image'],
    contextLength: 46864,
    maxCompletionTokens: 46864,
    pricing: { prompt: '0', completion: '0', imageOutput: '0.00004' },
    supportedParameters: ['seed'],
    imageTokens: 0,
  },
  {
    id: 'sourceful/riverflow-v2-fast',
    name: 'Sourceful: Riverflow V2 Fast',
    canonicalSlug: 'sourceful/riverflow-v2-fast',
    created: 1765497600,
    description: 'Riverflow V2 Fast: image-only model for product and design imagery.',
    providerName: 'Sourceful',
    input: ['image', 'text'],
    output: ['image'],
    contextLength: 8192,
    maxCompletionTokens: 8192,
    pricing: { prompt: '0', completion: '0', imageOutput: '0.0000311377' },
    supportedParameters: [],
    imageTokens: 0,
  },
  {
    id: 'bytedance-seed/seedream-4.5',
    name: 'ByteDance Seed: Seedream 4.5',
    canonicalSlug: 'bytedance-seed/seedream-4.5-20251203',
    created: 1764720000,
    description: 'Seedream 4.5: image-only generation up to 4K.',
    providerName: 'Seed',
    input: ['image', 'text'],
    output: ['image'],
    contextLength: 4096,
    maxCompletionTokens: 4096,
    pricing: { prompt: '0', completion: '0', imageOutput: '0.00003' },
    supportedParameters: ['seed'],
    imageTokens: 0,
  },
  {
    id: 'microsoft/mai-image-2.5',
    name: 'Microsoft: MAI Image 2.5',
    canonicalSlug: 'microsoft/mai-image-2.5',
    created: 1775001600,
    description: 'Azure MAI Image: image-only model with its own ratio table.',
    providerName: 'Azure',
    input: ['text'],
    output: ['image'],
    contextLength: 4096,
    maxCompletionTokens: 4096,
    pricing: { prompt: '0', completion: '0', imageOutput: '0.000035' },
    supportedParameters: [],
    imageTokens: 0,
  },
  {
    id: 'openai/gpt-5.4-nano',
    name: 'OpenAI: GPT-5.4 Nano',
    canonicalSlug: 'openai/gpt-5.4-nano-20260317',
    created: 1773705600,
    description: 'A small, fast text model.',
    providerName: 'OpenAI',
    input: ['file', 'image', 'text'],
    output: ['text'],
    contextLength: 400000,
    maxCompletionTokens: 128000,
    pricing: { prompt: '0.0000002', completion: '0.00000125' },
    supportedParameters: ['max_tokens', 'reasoning', 'response_format', 'seed', 'tools'],
    imageTokens: 0,
  },
  {
    id: 'google/gemini-2.5-flash',
    name: 'Google: Gemini 2.5 Flash',
    canonicalSlug: 'google/gemini-2.5-flash',
    created: 1750172400,
    description: 'Gemini 2.5 Flash: a fast multimodal text model.',
    providerName: 'Google AI Studio',
    input: ['audio', 'file', 'image', 'text'],
    output: ['text'],
    contextLength: 1048576,
    maxCompletionTokens: 65535,
    pricing: { prompt: '0.0000003', completion: '0.0000025', image: '0.000001238' },
    supportedParameters: [...geminiParameters, 'tools', 'tool_choice'],
    imageTokens: 0,
  },
];
