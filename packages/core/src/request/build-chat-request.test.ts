import { describe, expect, it } from 'vitest';
import type { ImageModel } from '../models/image-model';
import { validationRejection } from '../test-utils/validation-rejection';
import { requestExamples } from '../test-utils/wire-examples';
import { buildChatRequest } from './build-chat-request';

const LUNOS_URL = 'https://api.lunos.tech/v1/chat/completions';
const OPENROUTER_URL = 'https://openrouter.ai/api/v1/chat/completions';
const CITY_PROMPT = 'A futuristic city at night with flying cars and neon lights';

// A PNG signature plus the start of an IHDR chunk: enough for the MIME sniffer.
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 2, 0, 0, 0,
]);

const rejection = validationRejection;

describe('the seed requests, byte for byte, in both dialects', () => {
  const dialects = [
    { dialect: 'lunos', prefix: 'openrouter/', url: LUNOS_URL },
    { dialect: 'openrouter', prefix: '', url: OPENROUTER_URL },
  ] as const;

  it.each(dialects)(
    'sunset, non-streamed, ["image","text"] ($dialect)',
    async ({ dialect, prefix, url }) => {
      const request = await buildChatRequest(
        {
          model: `${prefix}google/gemini-2.5-flash-image`,
          prompt: 'Generate a beautiful sunset over mountains',
          modalities: ['image', 'text'],
          stream: false,
        },
        { dialect },
      );
      expect(request.url).toBe(url);
      expect(request.method).toBe('POST');
      expect(request.body).toBe(
        JSON.stringify({
          ...requestExamples.lunosSunset,
          model: `${prefix}google/gemini-2.5-flash-image`,
        }),
      );
      expect(request.warnings).toEqual([]);
    },
  );

  it.each(dialects)('restaurant scene at 16:9 4K ($dialect)', async ({ dialect, prefix, url }) => {
    const request = await buildChatRequest(
      {
        model: `${prefix}google/gemini-3-pro-image-preview`,
        prompt: 'Create a picture of a nano banana dish in a fancy restaurant',
        aspectRatio: '16:9',
        imageSize: '4K',
      },
      { dialect },
    );
    expect(request.url).toBe(url);
    expect(request.body).toBe(
      JSON.stringify({
        ...requestExamples.restaurant,
        model: `${prefix}google/gemini-3-pro-image-preview`,
      }),
    );
  });

  it.each(dialects)(
    'futuristic city, 21:9 2K, streamed ($dialect)',
    async ({ dialect, prefix, url }) => {
      const request = await buildChatRequest(
        {
          model: `${prefix}google/gemini-3.1-flash-image-preview`,
          prompt: CITY_PROMPT,
          aspectRatio: '21:9',
          imageSize: '2K',
          stream: true,
        },
        { dialect },
      );
      expect(request.url).toBe(url);
      expect(request.body).toBe(
        `{"model":"${prefix}google/gemini-3.1-flash-image-preview","messages":[{"role":"user","content":"${CITY_PROMPT}"}],"modalities":["image","text"],"image_config":{"aspect_ratio":"21:9","image_size":"2K"},"stream":true}`,
      );
      expect(request.headers.accept).toBe('text/event-stream');
    },
  );
});

describe('dialect headers and base URL', () => {
  const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a cat' };

  it('Lunos sends X-App-ID, OpenRouter HTTP-Referer and X-Title; no credentials', async () => {
    const lunos = await buildChatRequest(vars, {
      appId: 'my-app',
      referer: 'https://x',
      title: 'X',
    });
    expect(lunos.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-app-id': 'my-app',
    });
    const or = await buildChatRequest(vars, {
      dialect: 'openrouter',
      appId: 'my-app',
      referer: 'https://example.com',
      title: 'Example',
    });
    expect(or.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      'http-referer': 'https://example.com',
      'x-title': 'Example',
    });
  });

  it('uses a proxy base URL with or without a trailing slash', async () => {
    const request = await buildChatRequest(vars, { baseURL: 'http://localhost:8787/api/v1/' });
    expect(request.url).toBe('http://localhost:8787/api/v1/chat/completions');
  });
});

describe('modalities default from the model', () => {
  it('image-only models get ["image"], text+image models ["image","text"]', async () => {
    const body = async (model: string) =>
      JSON.parse((await buildChatRequest({ model, prompt: 'x' })).body).modalities;
    expect(await body('black-forest-labs/flux.2-pro')).toEqual(['image']);
    expect(await body('sourceful/riverflow-v2-pro')).toEqual(['image']);
    expect(await body('openrouter/google/gemini-2.5-flash-image')).toEqual(['image', 'text']);
    expect(await body('openai/gpt-5-image-mini')).toEqual(['image', 'text']);
    // Unknown models get ["image"], which every image model accepts.
    expect(await body('acme/new-model')).toEqual(['image']);
  });

  it('a catalog entry wins over the built-in table', async () => {
    const model: ImageModel = {
      id: 'acme/new-model',
      name: 'New',
      provider: 'acme',
      inputModalities: ['text'],
      outputModalities: ['image', 'text'],
      pricing: {},
      supportedParameters: [],
      contextLength: undefined,
      raw: {},
    };
    const request = await buildChatRequest({ model: model.id, prompt: 'x' }, { model });
    expect(request.json.modalities).toEqual(['image', 'text']);
  });

  it('warns about ["image","text"] to an image-only model, and refuses it when strict', async () => {
    const vars = {
      model: 'black-forest-labs/flux.2-pro',
      prompt: 'x',
      modalities: ['image', 'text'] as const,
    };
    const request = await buildChatRequest({ ...vars, modalities: [...vars.modalities] });
    expect(request.warnings).toEqual([
      'modalities: black-forest-labs/flux.2-pro outputs images only: send ["image"] (the API answers 404 to ["image","text"])',
    ]);
    const error = await rejection(
      buildChatRequest({ ...vars, modalities: [...vars.modalities] }, { strict: true }),
    );
    expect(error.path).toBe('modalities');
    expect(error.issues[0]?.code).toBe('unsupported');
  });
});

describe('image_config', () => {
  it('sends lower-case sizes upper-case, since the API ignores "4k"', async () => {
    const request = await buildChatRequest({
      model: 'google/gemini-3-pro-image-preview',
      prompt: 'x',
      imageSize: '4k' as '4K',
    });
    expect(request.json.image_config).toEqual({ image_size: '4K' });
  });

  it('passes provider-specific keys through untouched and merges them with typed ones', async () => {
    const request = await buildChatRequest({
      model: 'sourceful/riverflow-v2-pro',
      prompt: 'Poster with headline Hello World in the custom font',
      aspectRatio: '2:3',
      imageConfig: {
        font_inputs: [{ font_url: 'https://example.com/f.ttf', text: 'Hello World' }],
      },
    });
    expect(request.body).toBe(JSON.stringify(requestExamples.sourcefulFonts));
  });

  it('the raw imageConfig is the escape hatch for values we do not know yet', async () => {
    const request = await buildChatRequest({
      model: 'google/gemini-9-image',
      prompt: 'x',
      imageConfig: { aspect_ratio: '19.5:9', image_size: '8K' },
    });
    expect(request.json.image_config).toEqual({ aspect_ratio: '19.5:9', image_size: '8K' });
  });

  it('refuses a typed value and a raw value that disagree', async () => {
    const error = await rejection(
      buildChatRequest({
        model: 'google/gemini-2.5-flash-image',
        prompt: 'x',
        aspectRatio: '16:9',
        imageConfig: { aspect_ratio: '1:1' },
      }),
    );
    expect(error.path).toBe('imageConfig.aspect_ratio');
    expect(error.message).toBe(
      'Invalid image generation request: imageConfig.aspect_ratio conflicts with aspectRatio (16:9 vs 1:1): set one',
    );
  });

  it('warns about ratios and sizes the model does not list; strict refuses them', async () => {
    const vars = {
      model: 'google/gemini-2.5-flash-image',
      prompt: 'x',
      aspectRatio: '1:8',
      imageSize: '0.5K',
    } as const;
    const request = await buildChatRequest(vars);
    expect(request.warnings).toHaveLength(2);
    expect(request.warnings[0]).toBe(
      'aspectRatio: 1:8 is not supported by google/gemini-2.5-flash-image (supported: 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9)',
    );
    const error = await rejection(buildChatRequest(vars, { strict: true }));
    expect(error.issues.map((i) => i.path)).toEqual(['aspectRatio', 'imageSize']);
    // The Gemini 3.1 Flash image model does take them.
    const flash = await buildChatRequest(
      { ...vars, model: 'google/gemini-3.1-flash-image-preview' },
      { strict: true },
    );
    expect(flash.json.image_config).toEqual({ aspect_ratio: '1:8', image_size: '0.5K' });
  });
});

describe('reference images', () => {
  it('encodes bytes as a data URL, with the MIME type sniffed from the bytes, text first', async () => {
    const mislabelled = new Blob([PNG], { type: 'image/jpeg' });
    const request = await buildChatRequest({
      model: 'google/gemini-2.5-flash-image',
      prompt: 'Make this a watercolor painting',
      referenceImages: [PNG, mislabelled, 'https://example.com/cat.webp', PNG.buffer],
    });
    const content = request.json.messages[0]?.content as Array<{
      type: string;
      image_url?: { url: string };
    }>;
    expect(content[0]).toEqual({ type: 'text', text: 'Make this a watercolor painting' });
    const urls = content.slice(1).map((p) => p.image_url?.url);
    expect(urls[0]).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(urls[1]).toBe(urls[0]);
    expect(urls[2]).toBe('https://example.com/cat.webp');
    expect(urls[3]).toBe(urls[0]);
  });

  it('adds them to the last user message when messages are given', async () => {
    const request = await buildChatRequest({
      model: 'google/gemini-2.5-flash-image',
      messages: [
        { role: 'system', content: 'You draw.' },
        { role: 'user', content: 'Make it blue' },
      ],
      referenceImages: ['data:image/png;base64,iVBORw0KGgo='],
    });
    expect(request.json.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Make it blue' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    });
  });

  it.each([
    ['ftp://example.com/a.png', 'must be an http(s) URL, a data URL, a Blob or bytes'],
    [
      'data:text/html;base64,PHNjcmlwdD4=',
      'must be a base64 data URL of a PNG, JPEG, WebP or GIF image',
    ],
    [
      new TextEncoder().encode('<svg></svg>'),
      'is not a PNG, JPEG, WebP or GIF image (checked its bytes)',
    ],
  ])('refuses %s', async (image, message) => {
    const error = await rejection(
      buildChatRequest({
        model: 'google/gemini-2.5-flash-image',
        prompt: 'x',
        referenceImages: [PNG, image],
      }),
    );
    expect(error.path).toBe('referenceImages[1]');
    expect(error.message).toBe(`Invalid image generation request: referenceImages[1] ${message}`);
  });
});

describe('invalid variables are a ValidationError naming the field, before anything is sent', () => {
  const model = 'google/gemini-2.5-flash-image';

  it('unknown aspect ratio: names the field, the value and the allowed values', async () => {
    const error = await rejection(
      buildChatRequest({ model, prompt: 'x', aspectRatio: '7:5' as '1:1' }),
    );
    expect(error.path).toBe('aspectRatio');
    expect(error.issues[0]?.allowed).toContain('16:9');
    expect(error.message).toBe(
      'Invalid image generation request: aspectRatio must be one of 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9, 1:4, 4:1, 1:8, 8:1 (got "7:5")',
    );
  });

  it.each([
    [{ model, prompt: '   ' }, 'prompt', 'prompt must not be empty'],
    [{ model }, 'prompt', 'prompt is required (or messages)'],
    [{ prompt: 'x' }, 'model', 'model is required (string)'],
    [
      { model, prompt: 'x', temperature: 'hot' },
      'temperature',
      'temperature must be number (got "hot")',
    ],
    [{ model, prompt: 'x', seed: 1.5 }, 'seed', 'seed must be int (got 1.5)'],
    [
      { model, prompt: 'x', aspect_ratio: '16:9' },
      '(root)',
      '(root) has unknown key "aspect_ratio"',
    ],
    [
      { model, prompt: 'x', messages: [{ role: 'user', content: 'y' }] },
      'messages',
      'messages cannot be combined with prompt: pass one of them',
    ],
    [{ model, prompt: 'x', stream: 'yes' }, 'stream', 'stream must be boolean (got "yes")'],
  ])('%j', async (vars, path, detail) => {
    const error = await rejection(buildChatRequest(vars as never));
    expect(error.path).toBe(path);
    expect(error.message).toBe(`Invalid image generation request: ${detail}`);
  });
});

describe('other wire fields', () => {
  it('sends sampling, routing and attribution fields snake_case', async () => {
    const request = await buildChatRequest({
      model: 'google/gemini-2.5-flash-image',
      prompt: 'x',
      seed: 42,
      topP: 0.9,
      maxTokens: 2000,
      sessionId: 's1',
      provider: { only: ['google-ai-studio'], allowFallbacks: false, maxPrice: { image: 0.05 } },
    });
    expect(request.json).toMatchObject({
      seed: 42,
      top_p: 0.9,
      max_tokens: 2000,
      session_id: 's1',
      provider: { only: ['google-ai-studio'], allow_fallbacks: false, max_price: { image: 0.05 } },
    });
  });
});

describe('Images API variables on the chat wire are refused, never dropped', () => {
  const model = 'google/gemini-2.5-flash-image';

  it.each([
    ['quality', { quality: 'high' }],
    ['outputFormat', { outputFormat: 'webp' }],
    ['background', { background: 'transparent' }],
    ['outputCompression', { outputCompression: 50 }],
    ['size', { size: '1024x1024' }],
  ])('%s', async (field, extra) => {
    const error = await rejection(buildChatRequest({ model, prompt: 'x', ...extra } as never));
    expect(error.path).toBe(field);
    expect(error.message).toBe(
      `Invalid image generation request: ${field} is sent only on the Images API: pass api: 'images' (the chat route has no ${field})`,
    );
  });

  it('n above 1 needs the Images API; n: 1 is what chat does anyway', async () => {
    const error = await rejection(buildChatRequest({ model, prompt: 'x', n: 2 }));
    expect(error.message).toBe(
      "Invalid image generation request: n 2 images per request need the Images API: pass api: 'images' (the chat route answers one)",
    );
    const one = await buildChatRequest({ model, prompt: 'x', n: 1, api: 'chat' });
    expect(one.json).not.toHaveProperty('n');
    expect(one.json).not.toHaveProperty('api');
  });

  it('api: "images" is not built here', async () => {
    const error = await rejection(buildChatRequest({ model, prompt: 'x', api: 'images' }));
    expect(error.path).toBe('api');
    expect(error.message).toBe(
      'Invalid image generation request: api is "images" but this builds the chat request: use buildImagesRequest',
    );
  });

  it('imageSize "512" (the Images API name) is sent as image_config 0.5K', async () => {
    const request = await buildChatRequest({
      model: 'google/gemini-3.1-flash-image-preview',
      prompt: 'x',
      imageSize: '512',
    });
    expect(request.json.image_config).toEqual({ image_size: '0.5K' });
  });
});
