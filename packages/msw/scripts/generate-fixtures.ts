/**
 * Writes the reconstructed fixtures in packages/msw/fixtures (shipped with the package): every interaction the docs describe that we
 * could not record live, with pictures drawn for their prompts at the size the API returns.
 * Deterministic; run it after changing the drawings or the fixture list:
 *   pnpm --filter @lunos-image/msw generate:fixtures
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { encodeBase64 } from '@lunos-image/core/internal';
import { apiPath } from '../src/catalogue/api-path';
import { chatChunk } from '../src/catalogue/chat-chunk';
import { chatCompletion } from '../src/catalogue/chat-completion';
import { MOCK_MODELS } from '../src/catalogue/mock-models';
import { toLunosModel } from '../src/catalogue/to-lunos-model';
import { toOpenRouterModel } from '../src/catalogue/to-open-router-model';
import { usageObject } from '../src/catalogue/usage-object';
import type { FixtureInput } from '../src/fixture/fixture-schema';
import { writeFixture } from '../src/node/write-fixture';
import { type PictureSpec, renderPicture } from '../src/picture/render-picture';
import { KEEP_ALIVE_COMMENT as KEEP_ALIVE } from '../src/replay/plan-stream';
import { buildImageApiFixtures } from './image-api-fixtures';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const schemaFile = fileURLToPath(new URL('../schema.json', import.meta.url));

async function picture(spec: PictureSpec): Promise<string> {
  return `data:image/png;base64,${encodeBase64(await renderPicture(spec))}`;
}

const json = { 'content-type': 'application/json' };
const sse = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

const chunk = chatChunk;
const usage = usageObject;

const image = (url: string, index = 0) => ({ type: 'image_url', image_url: { url }, index });
const user = (content: unknown) => [{ role: 'user', content }];

async function build(): Promise<FixtureInput[]> {
  const sunset = await picture({ width: 1024, height: 1024, scene: 'sunset', seed: 11 });
  const restaurant4k = await picture({ width: 5376, height: 3072, scene: 'restaurant', seed: 21 });
  const restaurantDraft = await picture({
    width: 1344,
    height: 768,
    scene: 'restaurant',
    seed: 21,
    draft: true,
  });
  const city = await picture({ width: 3072, height: 1344, scene: 'city', seed: 31 });
  const lighthouse = await picture({ width: 1248, height: 832, scene: 'lighthouse', seed: 41 });
  const watercolor = await picture({
    width: 1024,
    height: 1024,
    scene: 'sunset',
    seed: 11,
    style: 'watercolor',
  });

  const sunsetPrompt = 'Generate a beautiful sunset over mountains';
  const restaurantPrompt = 'Create a picture of a nano banana dish in a fancy restaurant';
  const flash = {
    id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
    provider: 'Google AI Studio',
    model: 'google/gemini-2.5-flash-image',
    created: 1764926649,
  };
  const pro = {
    id: 'gen-1771402211-Qm8cZr2LwP0aVt5nHs1e',
    provider: 'Google AI Studio',
    model: 'google/gemini-3-pro-image-preview',
    created: 1771402211,
  };
  const nano2 = {
    id: 'gen-1773312005-Bf7kX2pLq9RmWz4cTa8N',
    provider: 'Google AI Studio',
    model: 'google/gemini-3.1-flash-image-preview-20260226',
    created: 1773312005,
  };
  const flux = {
    id: 'gen-1774003120-Hn3vY6sKd1JpQe8uLo2R',
    provider: 'Black Forest Labs',
    model: 'black-forest-labs/flux.2-pro',
    created: 1774003120,
  };
  const reconstructed =
    'Reconstructed from api-wire-format.md: no live capture of this interaction exists.';

  const fixtures: FixtureInput[] = [
    {
      version: 1,
      id: 'chat/sunset',
      description: 'Lunos docs example: a sunset over mountains, not streamed.',
      source: 'reconstructed',
      dialect: 'lunos',
      notes: [
        reconstructed,
        'Body shape from the Dec 2025 OpenRouter capture (§3.1), passed through by Lunos.',
      ],
      request: {
        method: 'POST',
        path: apiPath('lunos', 'chat'),
        headers: json,
        body: {
          model: 'openrouter/google/gemini-2.5-flash-image',
          messages: user(sunsetPrompt),
          modalities: ['image', 'text'],
          stream: false,
        },
      },
      response: {
        status: 200,
        headers: json,
        headersAfterMs: 6840,
        body: {
          kind: 'json',
          json: chatCompletion(
            flash,
            { content: 'Here is a beautiful sunset over the mountains.', images: [image(sunset)] },
            usage(12, 1290, 1290, 0.0387036),
          ),
        },
      },
    },
    {
      version: 1,
      id: 'chat/sunset-stream',
      description:
        'The sunset request streamed: keep-alives, a caption, the image, finish, usage (§4.7).',
      source: 'reconstructed',
      dialect: 'lunos',
      notes: [
        reconstructed,
        'Framing from the fantasy cassettes; image delta shape from the docs (§4.7).',
      ],
      request: {
        method: 'POST',
        path: apiPath('lunos', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'openrouter/google/gemini-2.5-flash-image',
          messages: user(sunsetPrompt),
          modalities: ['image', 'text'],
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: sse,
        headersAfterMs: 310,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 1800, comment: KEEP_ALIVE },
            { dt: 2400, data: chunk(flash, { content: 'Here is your sunset! ' }, null, null) },
            { dt: 3900, data: chunk(flash, { content: '', images: [image(sunset)] }, null, null) },
            { dt: 12, data: chunk(flash, { content: '' }, 'stop', 'STOP') },
            {
              dt: 41,
              data: chunk(flash, { content: '' }, 'stop', 'STOP', {
                usage: usage(12, 1296, 1290, 0.0387186),
              }),
            },
            { dt: 3, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'chat/restaurant-4k',
      description:
        'OpenRouter docs example: a nano banana dish in a fancy restaurant, 16:9 at 4K, not streamed, body padded with white space.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'The white-space prefix is the keep-alive padding of non-streamed bodies (§3.2).',
      ],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: json,
        body: {
          model: 'google/gemini-3-pro-image-preview',
          messages: user(restaurantPrompt),
          modalities: ['image', 'text'],
          image_config: { aspect_ratio: '16:9', image_size: '4K' },
        },
      },
      response: {
        status: 200,
        headers: { ...json, 'x-generation-id': pro.id },
        headersAfterMs: 180,
        body: {
          kind: 'json',
          prefix: '\n         \n\n         \n\n         \n',
          json: chatCompletion(
            pro,
            {
              content: 'A tiny banana, plated like haute cuisine, under warm restaurant lights.',
              images: [image(restaurant4k)],
            },
            usage(16, 2018, 2000, 0.240248),
            { system_fingerprint: null },
          ),
        },
      },
    },
    {
      version: 1,
      id: 'chat/restaurant-progressive-stream',
      description:
        'The restaurant request streamed by Gemini 3 Pro Image: a coarse preview image, then the final 4K image with the same index.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'Progressive preview then final image, as third-party clients report for Gemini 3 Pro (§8.10).',
      ],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'google/gemini-3-pro-image-preview',
          messages: user(restaurantPrompt),
          modalities: ['image', 'text'],
          image_config: { aspect_ratio: '16:9', image_size: '4K' },
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: { ...sse, 'x-generation-id': pro.id },
        headersAfterMs: 260,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 2100, comment: KEEP_ALIVE },
            { dt: 2600, data: chunk(pro, { content: 'Plating the nano banana... ' }, null, null) },
            {
              dt: 5200,
              data: chunk(pro, { content: '', images: [image(restaurantDraft)] }, null, null),
            },
            { dt: 1500, comment: KEEP_ALIVE },
            {
              dt: 9800,
              data: chunk(
                pro,
                {
                  content: 'Done: a tiny banana, plated like haute cuisine.',
                  images: [image(restaurant4k)],
                },
                null,
                null,
              ),
            },
            { dt: 20, data: chunk(pro, { content: '' }, 'stop', 'STOP') },
            {
              dt: 35,
              data: chunk(pro, { content: '' }, 'stop', 'STOP', {
                usage: usage(16, 3140, 3120, 0.374448),
              }),
            },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'chat/futuristic-city-stream',
      description:
        'A futuristic city at 21:9 2K from Nano Banana 2; the usage arrives in a chunk with empty choices (the documented variant).',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed, 'The response model is the dated permaslug (§8.7).'],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'google/gemini-3.1-flash-image-preview',
          messages: user('A futuristic city at night with flying cars and neon lights'),
          modalities: ['image', 'text'],
          image_config: { aspect_ratio: '21:9', image_size: '2K' },
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: { ...sse, 'x-generation-id': nano2.id },
        headersAfterMs: 240,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 1400, data: chunk(nano2, { content: 'A neon skyline ' }, null, null) },
            {
              dt: 180,
              data: chunk(nano2, { content: 'after dark, with flying cars. ' }, null, null),
            },
            { dt: 3300, data: chunk(nano2, { content: '', images: [image(city)] }, null, null) },
            { dt: 14, data: chunk(nano2, { content: '' }, 'stop', 'STOP') },
            {
              dt: 28,
              data: {
                id: nano2.id,
                provider: nano2.provider,
                model: nano2.model,
                object: 'chat.completion.chunk',
                created: nano2.created,
                choices: [],
                usage: usage(14, 1302, 1290, 0.003877),
              },
            },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'chat/lighthouse-image-only',
      description:
        'An image-only model (FLUX.2 pro) with modalities ["image"]: no text at all, the image arrives in the finish chunk.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'black-forest-labs/flux.2-pro',
          messages: user('A lighthouse on a cliff at dawn'),
          modalities: ['image'],
          image_config: { aspect_ratio: '3:2' },
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: { ...sse, 'x-generation-id': flux.id },
        headersAfterMs: 290,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 2500, comment: KEEP_ALIVE },
            {
              dt: 3100,
              data: chunk(flux, { content: '', images: [image(lighthouse)] }, 'stop', 'completed'),
            },
            {
              dt: 25,
              data: chunk(flux, { content: '' }, 'stop', 'completed', {
                usage: {
                  ...usage(9, 0, 0, 0.03),
                  completion_tokens_details: { reasoning_tokens: 0, image_tokens: 0 },
                },
              }),
            },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'chat/edit-watercolor-stream',
      description:
        'An edit: the sunset sent back as a reference image with "Make this a watercolor painting".',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'Request shape from the docs edit example (§2.6); the reference is the sunset picture.',
      ],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'google/gemini-2.5-flash-image',
          messages: user([
            { type: 'text', text: 'Make this a watercolor painting' },
            { type: 'image_url', image_url: { url: sunset } },
          ]),
          modalities: ['image', 'text'],
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: sse,
        headersAfterMs: 330,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            {
              dt: 2200,
              data: chunk(
                flash,
                { content: 'Here is your sunset as a soft watercolor.' },
                null,
                null,
              ),
            },
            {
              dt: 3600,
              data: chunk(flash, { content: '', images: [image(watercolor)] }, null, null),
            },
            { dt: 10, data: chunk(flash, { content: '' }, 'stop', 'STOP') },
            {
              dt: 38,
              data: chunk(flash, { content: '' }, 'stop', 'STOP', {
                usage: usage(270, 1300, 1290, 0.039081),
              }),
            },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'chat/safety-block-stream',
      description:
        'A request the provider refuses: the stream finishes with no image and native reason IMAGE_SAFETY.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'How OpenRouter maps IMAGE_SAFETY to finish_reason is unconfirmed (§11.4); content_filter is our reading.',
      ],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'google/gemini-2.5-flash-image',
          messages: user('A photorealistic picture of a real celebrity in a violent scene'),
          modalities: ['image', 'text'],
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: sse,
        headersAfterMs: 280,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 1900, data: chunk(flash, { content: '' }, 'content_filter', 'IMAGE_SAFETY') },
            {
              dt: 30,
              data: chunk(flash, { content: '' }, 'content_filter', 'IMAGE_SAFETY', {
                usage: usage(15, 0, 0, 0.0000045),
              }),
            },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'chat/in-band-error-stream',
      description:
        'Generation fails after the headers: a caption, two keep-alives in a row, then an error chunk with finish_reason "error" (§4.5).',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed],
      request: {
        method: 'POST',
        path: apiPath('openrouter', 'chat'),
        headers: { ...json, accept: 'text/event-stream' },
        body: {
          model: 'google/gemini-3-pro-image-preview',
          messages: user('A treasure map of an imaginary island'),
          modalities: ['image', 'text'],
          stream: true,
        },
      },
      response: {
        status: 200,
        headers: { ...sse, 'x-generation-id': pro.id },
        headersAfterMs: 250,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 1700, data: chunk(pro, { content: 'Drawing the island… ' }, null, null) },
            { dt: 2400, comment: KEEP_ALIVE },
            { dt: 2400, comment: KEEP_ALIVE },
            {
              dt: 1200,
              data: {
                id: pro.id,
                object: 'chat.completion.chunk',
                created: pro.created,
                model: pro.model,
                provider: pro.provider,
                error: {
                  code: 502,
                  message: 'Provider returned error',
                  metadata: { error_type: 'provider_unavailable', provider_code: 'UNAVAILABLE' },
                },
                choices: [
                  {
                    index: 0,
                    delta: { content: '' },
                    finish_reason: 'error',
                    native_finish_reason: 'error',
                  },
                ],
              },
            },
            { dt: 3, data: '[DONE]' },
          ],
        },
      },
    },
    errorFixture(
      'errors/400-bad-aspect-ratio',
      'HTTP 400 for an aspect ratio the model does not take.',
      400,
      {
        request: {
          model: 'google/gemini-2.5-flash-image',
          messages: user('A square-ish poster'),
          modalities: ['image', 'text'],
          image_config: { aspect_ratio: '7:5' },
        },
        match: ['model', 'image_config'],
        body: {
          error: {
            code: 400,
            message:
              'Invalid aspect_ratio "7:5". Supported values: 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9',
            metadata: { error_type: 'invalid_request', provider_name: 'Google AI Studio' },
          },
          user_id: 'user_FIXTURE',
        },
      },
    ),
    errorFixture(
      'errors/401-unauthorized',
      'HTTP 401 for a key the API does not know (body seen in the wild, §5.1).',
      401,
      {
        body: { error: { message: 'User not found.', code: 401 } },
      },
    ),
    errorFixture(
      'errors/402-insufficient-credits',
      'HTTP 402: not enough credits for the requested max tokens.',
      402,
      {
        body: {
          error: {
            message:
              'This request requires more credits, or fewer max_tokens. You requested up to 32768 tokens, but can only afford 1066. To increase, visit https://openrouter.ai/settings/credits and add more credits',
            code: 402,
            metadata: { provider_name: null },
          },
          user_id: 'user_FIXTURE',
        },
      },
    ),
    errorFixture(
      'errors/404-wrong-modalities',
      'HTTP 404 for ["image","text"] sent to an image-only model (§8.1).',
      404,
      {
        request: {
          model: 'black-forest-labs/flux.2-pro',
          messages: user('A lighthouse on a cliff at dawn'),
          modalities: ['image', 'text'],
        },
        match: ['model', 'modalities'],
        body: {
          error: {
            message: 'No endpoints found that support the requested output modalities: image, text',
            code: 404,
          },
          user_id: 'user_FIXTURE',
        },
      },
    ),
    errorFixture(
      'errors/429-rate-limited',
      'HTTP 429 with Retry-After, and the retry hint repeated in metadata (§5.1).',
      429,
      {
        headers: { 'retry-after': '16' },
        body: {
          error: {
            message: 'Provider returned error',
            code: 429,
            metadata: {
              raw: 'google/gemini-2.5-flash-image is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations',
              provider_name: 'Google AI Studio',
              is_byok: false,
              retry_after_seconds: 16,
              retry_after_seconds_raw: 15.751,
              headers: { 'Retry-After': '16' },
            },
          },
          user_id: 'user_FIXTURE',
        },
      },
    ),
    errorFixture(
      'errors/502-provider-error',
      'HTTP 502 whose metadata.raw is JSON inside a string inside a string (§5.1).',
      502,
      {
        body: {
          error: {
            code: 502,
            message: 'Provider returned error',
            metadata: {
              raw: JSON.stringify({
                error: {
                  code: 503,
                  message: JSON.stringify({
                    error: {
                      code: 503,
                      message: 'The model is overloaded. Please try again later.',
                      status: 'UNAVAILABLE',
                    },
                  }),
                  status: 'UNAVAILABLE',
                },
              }),
              provider_name: 'Google AI Studio',
            },
          },
          user_id: 'user_FIXTURE',
        },
      },
    ),
    {
      version: 1,
      id: 'models/openrouter',
      description:
        'OpenRouter GET /models?output_modalities=all, trimmed to a few image and text models.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'The handlers filter this catalogue with each request’s query (§6.1).',
      ],
      request: {
        method: 'GET',
        path: apiPath('openrouter', 'models'),
        query: { output_modalities: 'all' },
        headers: {},
        match: { on: [] },
      },
      response: {
        status: 200,
        headers: json,
        headersAfterMs: 140,
        body: { kind: 'json', json: { data: MOCK_MODELS.map(toOpenRouterModel) } },
      },
    },
    {
      version: 1,
      id: 'models/lunos',
      description:
        'Lunos GET /v1/models: a bare array of camelCase models (the current docs’ envelope).',
      source: 'reconstructed',
      dialect: 'lunos',
      notes: [
        reconstructed,
        'The handlers filter this catalogue with input= and output= (§6.2).',
        'Image models are listed under their openrouter/ ids, the form the Lunos image docs and the chat fixtures use.',
      ],
      request: { method: 'GET', path: apiPath('lunos', 'models'), headers: {}, match: { on: [] } },
      response: {
        status: 200,
        headers: json,
        headersAfterMs: 110,
        body: { kind: 'json', json: MOCK_MODELS.map(toLunosModel) },
      },
    },
  ];
  return fixtures;
}

function errorFixture(
  id: string,
  description: string,
  status: number,
  spec: {
    request?: Record<string, unknown>;
    match?: FixtureInput['request']['match'] extends infer M
      ? M extends { on: infer O }
        ? O
        : never
      : never;
    headers?: Record<string, string>;
    body: unknown;
  },
): FixtureInput {
  return {
    version: 1,
    id,
    description,
    source: 'reconstructed',
    dialect: 'openrouter',
    notes: ['Reconstructed from the error bodies in api-wire-format.md §5.'],
    request: {
      method: 'POST',
      path: apiPath('openrouter', 'chat'),
      headers: json,
      body: spec.request ?? {
        model: 'google/gemini-2.5-flash-image',
        messages: user('A sunset'),
        modalities: ['image', 'text'],
      },
      match: { on: spec.match ?? [] },
    },
    response: {
      status,
      headers: { ...json, ...spec.headers },
      headersAfterMs: 90,
      body: { kind: 'json', json: spec.body },
    },
  };
}

const fixtures = [...(await build()), ...(await buildImageApiFixtures())];
await rm(`${root}blobs`, { recursive: true, force: true });
for (const dir of ['chat', 'errors', 'images', 'models'])
  await rm(root + dir, { recursive: true, force: true });
for (const fixture of fixtures) {
  const file = await writeFixture(root, fixture, { schemaFile });
  process.stdout.write(`${file}\n`);
}
