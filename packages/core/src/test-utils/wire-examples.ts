/**
 * Every JSON example of ../shared/reference/api-wire-format.md, as data for tests. Base64 payloads
 * are shortened as in the document; ellipses of the document are filled with the fields it names.
 */

export const requestExamples = {
  restaurant: {
    model: 'google/gemini-3-pro-image-preview',
    messages: [
      { role: 'user', content: 'Create a picture of a nano banana dish in a fancy restaurant' },
    ],
    modalities: ['image', 'text'],
    image_config: { aspect_ratio: '16:9', image_size: '4K' },
  },
  editWithReference: {
    model: 'google/gemini-2.5-flash-image',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Make this a watercolor painting' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ...' } },
        ],
      },
    ],
    modalities: ['image', 'text'],
    stream: true,
  },
  lunosSunset: {
    model: 'openrouter/google/gemini-2.5-flash-image',
    messages: [{ role: 'user', content: 'Generate a beautiful sunset over mountains' }],
    modalities: ['image', 'text'],
    stream: false,
  },
  sourcefulFonts: {
    model: 'sourceful/riverflow-v2-pro',
    messages: [{ role: 'user', content: 'Poster with headline Hello World in the custom font' }],
    modalities: ['image'],
    image_config: {
      aspect_ratio: '2:3',
      font_inputs: [{ font_url: 'https://example.com/f.ttf', text: 'Hello World' }],
    },
  },
} as const;

export const responseExample = {
  id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
  provider: 'Google AI Studio',
  model: 'google/gemini-2.5-flash-image',
  object: 'chat.completion',
  created: 1764926649,
  choices: [
    {
      logprobs: null,
      finish_reason: 'stop',
      native_finish_reason: 'STOP',
      index: 0,
      message: {
        role: 'assistant',
        content: '',
        refusal: null,
        reasoning: null,
        images: [
          {
            type: 'image_url',
            image_url: {
              url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA....Ywy4AAAAASUVORK5CYII=',
            },
            index: 0,
          },
        ],
      },
    },
  ],
  usage: {
    prompt_tokens: 12,
    completion_tokens: 1290,
    total_tokens: 1302,
    cost: 0.0387036,
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0, video_tokens: 0 },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: 0.0000036,
      upstream_inference_completions_cost: 0.0387,
    },
    completion_tokens_details: { reasoning_tokens: 0, image_tokens: 1290 },
  },
};

const textChunkBase = {
  id: 'gen-1777319809-KRozO9hOQbdWkZAi8Zj7',
  object: 'chat.completion.chunk',
  created: 1777319809,
  model: 'openai/gpt-5.4-nano-20260317',
  provider: 'OpenAI',
};

const usage1290 = {
  prompt_tokens: 12,
  completion_tokens: 1290,
  total_tokens: 1302,
  cost: 0.0387036,
  is_byok: false,
  prompt_tokens_details: {
    cached_tokens: 0,
    cache_write_tokens: 0,
    audio_tokens: 0,
    video_tokens: 0,
  },
  cost_details: {
    upstream_inference_cost: 0.0387036,
    upstream_inference_prompt_cost: 0.0000036,
    upstream_inference_completions_cost: 0.0387,
  },
  completion_tokens_details: { reasoning_tokens: 0, image_tokens: 1290, audio_tokens: 0 },
};

const imageChunkBase = {
  id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
  object: 'chat.completion.chunk',
  created: 1764926649,
  model: 'google/gemini-2.5-flash-image',
  provider: 'Google AI Studio',
};

export const chunkExamples = {
  textDelta: {
    ...textChunkBase,
    choices: [
      {
        index: 0,
        delta: { content: 'Olá', role: 'assistant' },
        finish_reason: null,
        native_finish_reason: null,
      },
    ],
  },
  textFinish: {
    ...textChunkBase,
    service_tier: 'default',
    choices: [
      {
        index: 0,
        delta: { content: '', role: 'assistant' },
        finish_reason: 'stop',
        native_finish_reason: 'completed',
      },
    ],
  },
  textUsage: {
    ...textChunkBase,
    service_tier: 'default',
    choices: [
      {
        index: 0,
        delta: { content: '', role: 'assistant' },
        finish_reason: 'stop',
        native_finish_reason: 'completed',
      },
    ],
    usage: {
      prompt_tokens: 19,
      completion_tokens: 7,
      total_tokens: 26,
      cost: 0.00001255,
      is_byok: false,
      prompt_tokens_details: {
        cached_tokens: 0,
        cache_write_tokens: 0,
        audio_tokens: 0,
        video_tokens: 0,
      },
      cost_details: {
        upstream_inference_cost: 0.00001255,
        upstream_inference_prompt_cost: 0.0000038,
        upstream_inference_completions_cost: 0.00000875,
      },
      completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0, audio_tokens: 0 },
    },
  },
  imageModelText: {
    id: 'gen-1756821634-QsRNWEcsHUOpb6vX3v2V',
    provider: 'Google AI Studio',
    model: 'google/gemini-2.5-flash-image-preview:free',
    object: 'chat.completion.chunk',
    created: 1756821634,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: ' a minimalist ceramic coffee' },
        finish_reason: null,
        native_finish_reason: null,
        logprobs: null,
      },
    ],
  },
  debugEcho: {
    id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
    provider: 'Google AI Studio',
    model: 'google/gemini-2.5-flash-image',
    object: 'chat.completion.chunk',
    created: 1764926649,
    choices: [],
    debug: { echo_upstream_body: { contents: [] } },
  },
  inBandError: {
    id: 'gen-abc123',
    object: 'chat.completion.chunk',
    created: 1234567890,
    model: 'openai/gpt-4o',
    provider: 'OpenAI',
    error: {
      code: 429,
      message: 'Rate limit exceeded',
      metadata: { error_type: 'rate_limit_exceeded' },
    },
    choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
  },
  caption: {
    ...imageChunkBase,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: 'Here is your sunset! ' },
        finish_reason: null,
        native_finish_reason: null,
      },
    ],
  },
  image: {
    ...imageChunkBase,
    choices: [
      {
        index: 0,
        delta: {
          role: 'assistant',
          content: '',
          images: [
            {
              type: 'image_url',
              image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' },
              index: 0,
            },
          ],
        },
        finish_reason: null,
        native_finish_reason: null,
      },
    ],
  },
  finish: {
    ...imageChunkBase,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: '' },
        finish_reason: 'stop',
        native_finish_reason: 'STOP',
      },
    ],
  },
  finishWithUsage: {
    ...imageChunkBase,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: '' },
        finish_reason: 'stop',
        native_finish_reason: 'STOP',
      },
    ],
    usage: usage1290,
  },
  usageEmptyChoices: { ...imageChunkBase, choices: [], usage: usage1290 },
} as const;

export const errorExamples = {
  unauthorized: { error: { message: 'User not found.', code: 401 }, user_id: 'user_abc123' },
  noCredits: {
    error: {
      message:
        'This request requires more credits, or fewer max_tokens. You requested up to 65536 tokens, but can only afford 33333. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account',
      code: 402,
      metadata: { provider_name: null },
    },
    user_id: 'user_abc123',
  },
  retiredModel: {
    error: { message: 'No endpoints found for google/gemini-2.5-flash-image-preview.', code: 404 },
    user_id: 'user_abc123',
  },
  wrongModalities: {
    error: {
      message: 'No endpoints found that support the requested output modalities: image, text',
      code: 404,
    },
    user_id: 'user_abc123',
  },
  rateLimited: {
    error: {
      message: 'Provider returned error',
      code: 429,
      metadata: {
        raw: 'google/gemini-2.5-flash-image is temporarily rate-limited upstream. Please retry shortly.',
        provider_name: 'Venice',
        is_byok: false,
        retry_after_seconds: 16,
        retry_after_seconds_raw: 15.751,
        headers: { 'Retry-After': '16' },
      },
    },
  },
  badGatewayNested: {
    error: {
      code: 502,
      message: 'Provider returned error',
      metadata: {
        raw: JSON.stringify(
          JSON.stringify({
            error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
          }),
        ),
        provider_name: 'Google AI Studio',
      },
    },
  },
  typed: {
    error: {
      code: 400,
      message: 'Invalid request',
      metadata: { error_type: 'invalid_request', provider_code: 'INVALID_ARGUMENT' },
    },
  },
  availability: {
    error: {
      message: 'Model is rate limited',
      error_type: 'rate_limit_exceeded',
      http_status: 429,
      availability: {
        code: 'temporarily_unavailable',
        retryable: true,
        retry_after: 30,
        requested_models: ['google/gemini-3-pro-image-preview'],
        docs_url: 'https://openrouter.ai/docs/api/errors',
      },
    },
  },
  lunos: {
    error: {
      code: 'invalid_request_error',
      message: "The model 'nonexistent-model' does not exist",
      param: 'model',
      type: 'invalid_request_error',
    },
  },
} as const;

export const openRouterModelExample = {
  id: 'google/gemini-3.1-flash-image-preview',
  canonical_slug: 'google/gemini-3.1-flash-image-preview-20260226',
  name: 'Google: Nano Banana 2 (Gemini 3.1 Flash Image Preview)',
  context_length: 65536,
  architecture: {
    modality: 'text+image->text+image',
    input_modalities: ['image', 'text'],
    output_modalities: ['image', 'text'],
    tokenizer: 'Gemini',
    instruct_type: null,
  },
  pricing: { prompt: '0.0000005', completion: '0.000003' },
  top_provider: { context_length: 65536, max_completion_tokens: 65536, is_moderated: false },
  per_request_limits: null,
  supported_parameters: [
    'include_reasoning',
    'max_tokens',
    'reasoning',
    'response_format',
    'seed',
    'stop',
    'structured_outputs',
    'temperature',
    'top_p',
  ],
  default_parameters: {
    temperature: null,
    top_p: null,
    top_k: null,
    frequency_penalty: null,
    presence_penalty: null,
    repetition_penalty: null,
  },
  expiration_date: null,
};

export const openRouterImageOnlyModelExample = {
  id: 'sourceful/riverflow-v2.5-pro',
  name: 'Sourceful: Riverflow V2.5 Pro',
  context_length: null,
  architecture: {
    modality: 'text+image->image',
    input_modalities: ['text', 'image'],
    output_modalities: ['image'],
  },
  pricing: { prompt: '0', completion: '0', image_output: '0.0000311377' },
  supported_parameters: ['resolution', 'image_size'],
};

export const lunosModelExample = {
  id: 'openai/gpt-4o',
  modelId: 'openai/gpt-4o',
  permaslug: 'openai-gpt-4o',
  name: 'GPT-4o',
  provider: 'openai',
  parameters: { context: 128000, max_output_tokens: 4096, size: '4B' },
  pricePerMillionTokens: { input: 5.0, output: 15.0, discountPercentage: 0 },
  supportedParameters: ['temperature', 'max_tokens'],
  inputModalities: ['text', 'image'],
  outputModalities: ['text'],
  description: '…',
  freeConfig: { maxTokens: 1000, isPremium: false },
  isEnabled: true,
  avgThroughput: 0,
  supportReasoning: true,
  maxCompletionTokens: 4096,
  releaseDate: '2024-05-13',
  createdAt: '2026-01-10T10:00:00.000Z',
  updatedAt: '2026-01-10T10:00:00.000Z',
};

export const lunosImageModelExample = {
  id: 'openrouter/google/gemini-2.5-flash-image',
  name: 'Gemini 2.5 Flash Image',
  provider: 'google',
  inputModalities: ['text', 'image'],
  outputModalities: ['image', 'text'],
  pricePerMillionTokens: { input: 0.3, output: 30 },
  supportedParameters: ['temperature'],
  parameters: { context: 32768 },
};
