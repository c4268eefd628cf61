/**
 * The Images API fixtures of the shipped set (api-wire-format.md §9), written by
 * generate-fixtures.ts: a JSON answer with two images, a streamed answer with previews, a
 * text-only answer (JSON and streamed), an error mid-stream, a 502 for a generation that did not
 * finish, and the model listings. Pictures are drawn at the size the mock draws for the request.
 */
import { encodeBase64, imageEndpointsPath } from '@lunos-image/core/internal';
import { apiBase, apiPath } from '../src/catalogue/api-path';
import {
  completedImageEvent,
  imagesErrorEvent,
  imagesResponse,
  partialImageEvent,
  textChunkEvent,
} from '../src/catalogue/images-answer';
import { imagesPixelSize } from '../src/catalogue/images-pixel-size';
import { imagesUsage } from '../src/catalogue/images-usage';
import { MOCK_IMAGE_MODELS, type MockImageModel } from '../src/catalogue/mock-image-models';
import {
  toImageEndpointsListing,
  toImageModelListItem,
} from '../src/catalogue/to-image-model-listing';
import type { FixtureInput, SseFixtureEvent } from '../src/fixture/fixture-schema';
import { PARTIAL_BLOCKS } from '../src/handlers/synthesize-images-answer';
import { type PictureSpec, renderPicture } from '../src/picture/render-picture';
import { KEEP_ALIVE_COMMENT as KEEP_ALIVE } from '../src/replay/plan-stream';

const json = { 'content-type': 'application/json' };
const sse = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const reconstructed =
  'Reconstructed from api-wire-format.md §9 and the @openrouter/sdk 1.3.19 schemas: no live capture of this interaction exists.';

const b64 = async (spec: PictureSpec) => encodeBase64(await renderPicture(spec));

function model(id: string): MockImageModel {
  const found = MOCK_IMAGE_MODELS.find((m) => m.id === id);
  if (!found) throw new Error(`no mock image model ${id}`);
  return found;
}

function usage(m: MockImageModel, prompt: string, images: { width: number; height: number }[]) {
  return imagesUsage({
    pricing: m.endpoints[0]!.pricing,
    prompt,
    referenceImages: 0,
    images,
    resolution: '1K',
    imageTokens: m.imageTokens,
  });
}

function post(body: Record<string, unknown>, stream: boolean) {
  return {
    method: 'POST' as const,
    path: apiPath('openrouter', 'images'),
    headers: { ...json, accept: stream ? 'text/event-stream' : 'application/json' },
    body: stream ? { ...body, stream: true } : body,
  };
}

export async function buildImageApiFixtures(): Promise<FixtureInput[]> {
  const seedream = model('bytedance-seed/seedream-4.5');
  const gptImage = model('openai/gpt-image-1');
  const gemini = model('google/gemini-3.1-flash-image-preview');

  const lighthousePrompt = 'A lighthouse on a cliff at dawn';
  const wide = imagesPixelSize(seedream.sizing, '16:9', '1K');
  const lighthouses = await Promise.all(
    [51, 52].map((seed) => b64({ ...wide, scene: 'lighthouse', seed })),
  );

  const cityPrompt = 'A futuristic city skyline at night';
  const landscape = imagesPixelSize(gptImage.sizing, '3:2');
  const cities = [71, 72].map((seed) => ({ ...landscape, scene: 'city' as const, seed }));
  const cityEvents: SseFixtureEvent[] = [{ dt: 0, comment: KEEP_ALIVE }];
  for (const [slot, spec] of cities.entries()) {
    for (const [i, draft] of PARTIAL_BLOCKS.entries()) {
      cityEvents.push({ dt: 2400, data: partialImageEvent(i, await b64({ ...spec, draft })) });
    }
    const done = cities.slice(0, slot + 1).map(() => landscape);
    cityEvents.push({
      dt: 2600,
      data: completedImageEvent(await b64(spec), 1774600000, usage(gptImage, cityPrompt, done)),
    });
  }
  cityEvents.push({ dt: 2, data: '[DONE]' });

  const refusedPrompt = 'A photorealistic picture of a real celebrity in a violent scene';
  const treasurePrompt = 'A treasure map of an imaginary island';
  const treasure = await b64({
    ...imagesPixelSize(gptImage.sizing),
    scene: 'landscape',
    seed: 81,
    draft: PARTIAL_BLOCKS[0],
  });

  const fixtures: FixtureInput[] = [
    {
      version: 1,
      id: 'images/lighthouse-n2',
      description:
        'POST /images with n: 2 at 16:9 on Seedream 4.5: one JSON answer with two PNGs of 1360x765.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed, 'Seedream bills per image: the cost is two images at $0.04.'],
      request: post(
        { model: seedream.id, prompt: lighthousePrompt, n: 2, aspect_ratio: '16:9' },
        false,
      ),
      response: {
        status: 200,
        headers: { ...json, 'x-generation-id': 'gen-1774500000-Lh2nQ8vRt5YpWc3kZa7B' },
        headersAfterMs: 7400,
        body: {
          kind: 'json',
          json: imagesResponse(
            1774500000,
            lighthouses,
            usage(seedream, lighthousePrompt, [wide, wide]),
          ),
        },
      },
    },
    {
      version: 1,
      id: 'images/city-stream',
      description:
        'POST /images streamed on GPT Image 1 with n: 2: per image two coarse previews, then image_generation.completed, then [DONE].',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'Previews carry no image index: they belong to the image the next completed event finishes, and partial_image_index restarts at 0 for each image.',
        'Each completed event carries the usage billed so far; the last one is the whole answer’s.',
      ],
      request: post({ model: gptImage.id, prompt: cityPrompt, n: 2, size: '1536x1024' }, true),
      response: {
        status: 200,
        headers: { ...sse, 'x-generation-id': 'gen-1774600000-Ct4mK9pXw2QsLd6eRv1N' },
        headersAfterMs: 290,
        body: { kind: 'sse', events: cityEvents },
      },
    },
    {
      version: 1,
      id: 'images/text-only',
      description:
        'A request the model answers with text and no image: 200 with an empty data array (JSON, Gemini).',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [
        reconstructed,
        'The JSON answer has no field for the text; whether the API answers this way or with an error is not documented.',
      ],
      request: { ...post({ model: gemini.id, prompt: refusedPrompt }, false), match: { on: [] } },
      response: {
        status: 200,
        headers: json,
        headersAfterMs: 3100,
        body: {
          kind: 'json',
          json: imagesResponse(1774700000, [], usage(gemini, refusedPrompt, [])),
        },
      },
    },
    {
      version: 1,
      id: 'images/text-only-stream',
      description:
        'A streamed request the model answers with text only: image_generation.text_chunk events, no completed event, then [DONE].',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed],
      request: { ...post({ model: gptImage.id, prompt: refusedPrompt }, true), match: { on: [] } },
      response: {
        status: 200,
        headers: sse,
        headersAfterMs: 260,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 1800, data: textChunkEvent('I can’t create images of real people ') },
            {
              dt: 120,
              data: textChunkEvent('in violent scenes. I can draw an invented character instead.'),
            },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'images/in-stream-error-stream',
      description:
        'Generation fails after one preview: an error event (code "server_error"), then [DONE]. Nothing is billed.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed, 'The error event and its string code are the docs’ example.'],
      request: { ...post({ model: gptImage.id, prompt: treasurePrompt }, true), match: { on: [] } },
      response: {
        status: 200,
        headers: sse,
        headersAfterMs: 280,
        body: {
          kind: 'sse',
          events: [
            { dt: 0, comment: KEEP_ALIVE },
            { dt: 2500, data: partialImageEvent(0, treasure) },
            { dt: 4100, data: imagesErrorEvent('server_error', 'Generation failed') },
            { dt: 2, data: '[DONE]' },
          ],
        },
      },
    },
    {
      version: 1,
      id: 'errors/images-502-not-finished',
      description:
        'HTTP 502 from POST /images: the generation did not finish, so it was not billed (billing is all-or-nothing).',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed],
      request: {
        ...post({ model: seedream.id, prompt: lighthousePrompt }, false),
        match: { on: [] },
      },
      response: {
        status: 502,
        headers: json,
        headersAfterMs: 61000,
        body: {
          kind: 'json',
          json: {
            error: {
              code: 502,
              message:
                'Image generation did not finish, so it was not billed. Please retry the request.',
              metadata: { error_type: 'provider_unavailable', provider_name: 'Bytedance' },
            },
            user_id: 'user_FIXTURE',
          },
        },
      },
    },
    {
      version: 1,
      id: 'models/images',
      description: 'GET /api/v1/images/models: the image models with typed parameter descriptors.',
      source: 'reconstructed',
      dialect: 'openrouter',
      notes: [reconstructed, 'The mock answers `endpoints` under the base path each request used.'],
      request: {
        method: 'GET',
        path: apiPath('openrouter', 'image-models'),
        headers: {},
        match: { on: [] },
      },
      response: {
        status: 200,
        headers: json,
        headersAfterMs: 130,
        body: {
          kind: 'json',
          json: { data: MOCK_IMAGE_MODELS.map((m) => toImageModelListItem(m, '/api/v1')) },
        },
      },
    },
    ...MOCK_IMAGE_MODELS.map(
      (m): FixtureInput => ({
        version: 1,
        id: `models/images-endpoints/${m.id}`,
        description: `GET /api/v1/images/models/${m.id}/endpoints: providers, parameters and prices.`,
        source: 'reconstructed',
        dialect: 'openrouter',
        notes: [reconstructed],
        request: {
          method: 'GET',
          path: apiBase('openrouter') + imageEndpointsPath(m.id),
          headers: {},
          match: { on: [] },
        },
        response: {
          status: 200,
          headers: json,
          headersAfterMs: 110,
          body: { kind: 'json', json: toImageEndpointsListing(m) },
        },
      }),
    ),
  ];
  return fixtures;
}
