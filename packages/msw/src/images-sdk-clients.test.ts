import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { OpenRouter } from '@openrouter/sdk';
import type {
  ImageGenerationRequestAspectRatio,
  ImageGenerationResponse,
  ImageStreamingResponseData,
} from '@openrouter/sdk/models';
import {
  BadGatewayResponseError,
  BadRequestResponseError,
  TooManyRequestsResponseError,
} from '@openrouter/sdk/models/errors';
import { APICallError, generateImage } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './node/start-mock-server';
import { FAKE_KEY, pngDimensions } from './test-utils/images-api';

// Clients nobody here wrote, against the real HTTP server with the shipped fixtures: the official
// SDK and the Vercel AI SDK's OpenRouter provider.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterEach(() => server.mock.reset());
afterAll(() => server.close());

/** The official SDK on the mock, without its retries (5xx would back off for an hour). */
const sdk = () =>
  new OpenRouter({
    apiKey: FAKE_KEY,
    serverURL: `${server.url}/api/v1`,
    retryConfig: { strategy: 'none' },
  });

// The SDK's enums are open: a ratio it does not list is sent as is (its type says "unrecognized").
const INVALID_RATIO = '7:5' as ImageGenerationRequestAspectRatio;

const ratioOf = (b64: string) => {
  const [width, height] = pngDimensions(b64);
  return width / height;
};

describe('@openrouter/sdk 1.3.19 against startMockServer()', () => {
  it('images.listModels and images.listModelEndpoints read the catalogue', async () => {
    const { data } = await sdk().images.listModels();
    const gpt = data.find((m) => m.id === 'openai/gpt-image-1')!;
    expect(gpt.supportsStreaming).toBe(true);
    expect(gpt.supportedParameters.n).toEqual({ type: 'range', min: 1, max: 10 });
    expect(gpt.endpoints).toBe('/api/v1/images/models/openai/gpt-image-1/endpoints');
    expect(
      data.find((m) => m.id === 'google/gemini-3.1-flash-image-preview')!.supportsStreaming,
    ).toBe(false);
    const flux = await sdk().images.listModelEndpoints({
      author: 'black-forest-labs',
      slug: 'flux.2-pro',
    });
    expect(flux.endpoints[0]).toMatchObject({
      providerSlug: 'black-forest-labs',
      pricing: expect.arrayContaining([
        { billable: 'output_image', unit: 'megapixel', costUsd: 0.03 },
      ]),
    });
    expect(server.mock.calls.map((c) => c.route)).toEqual(['image-models', 'image-endpoints']);
  });

  it('images.generate with n: 2 at 16:9 gets two PNGs whose IHDR is 16:9', async () => {
    const result = (await sdk().images.generate({
      imageGenerationRequest: {
        model: 'bytedance-seed/seedream-4.5',
        prompt: 'a paper boat on a pond',
        n: 2,
        aspectRatio: '16:9',
      },
    })) as ImageGenerationResponse;
    expect(result.data).toHaveLength(2);
    for (const image of result.data) {
      expect(image.mediaType).toBe('image/png');
      expect(ratioOf(image.b64Json)).toBe(16 / 9);
    }
    expect(result.data[0]!.b64Json).not.toBe(result.data[1]!.b64Json);
    expect(result.usage?.cost).toBe(0.08);
    expect(server.mock.callsTo('images')[0]!.body).toMatchObject({ n: 2, aspect_ratio: '16:9' });
  });

  it('images.generate with n: 2 on a one-image model gets 200 with the one image it made', async () => {
    // n is an upper bound on the Images API: a provider may return fewer, never an error for it.
    const result = (await sdk().images.generate({
      imageGenerationRequest: {
        model: 'google/gemini-3.1-flash-image-preview',
        prompt: 'a heron in the reeds',
        n: 2,
      },
    })) as ImageGenerationResponse;
    expect(result.data).toHaveLength(1);
    expect(result.data[0]!.mediaType).toBe('image/png');
    expect(pngDimensions(result.data[0]!.b64Json)).toEqual([1024, 1024]);
    expect(server.mock.callsTo('images')[0]!).toMatchObject({
      body: { n: 2 },
      answer: { kind: 'synthesized', status: 200 },
    });
  });

  it('images.generate with stream: true on the OpenAI model yields partial images, then completed', async () => {
    const stream = (await sdk().images.generate({
      imageGenerationRequest: {
        model: 'openai/gpt-image-1',
        prompt: 'a koi pond',
        size: '1024x1536',
        stream: true,
      },
    })) as AsyncIterable<ImageStreamingResponseData>;
    const events: ImageStreamingResponseData[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    for (const event of events) {
      if (
        event.type === 'image_generation.partial_image' ||
        event.type === 'image_generation.completed'
      ) {
        expect(pngDimensions(event.b64Json)).toEqual([1024, 1536]);
      }
    }
    const completed = events[2] as Extract<
      ImageStreamingResponseData,
      { type: 'image_generation.completed' }
    >;
    expect(completed.usage?.cost).toBeGreaterThan(0);
    expect(server.mock.callsTo('images')[0]!.headers.accept).toBe('text/event-stream');
  });

  it('replays the shipped streamed fixture to it unchanged', async () => {
    const stream = (await sdk().images.generate({
      imageGenerationRequest: {
        model: 'openai/gpt-image-1',
        prompt: 'A futuristic city skyline at night',
        n: 2,
        size: '1536x1024',
        stream: true,
      },
    })) as AsyncIterable<ImageStreamingResponseData>;
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.filter((t) => t === 'image_generation.completed')).toHaveLength(2);
    expect(types.filter((t) => t === 'image_generation.partial_image')).toHaveLength(4);
    expect(server.mock.callsTo('images')[0]!.answer).toMatchObject({
      fixtureId: 'images/city-stream',
    });
  });

  it('sees a 400 for an invalid ratio in the API’s error shape', async () => {
    const error = await sdk()
      .images.generate({
        imageGenerationRequest: {
          model: 'bytedance-seed/seedream-4.5',
          prompt: 'x',
          aspectRatio: INVALID_RATIO,
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestResponseError);
    const bad = error as BadRequestResponseError;
    expect(bad.statusCode).toBe(400);
    expect(bad.error.code).toBe(400);
    expect(bad.error.message).toContain('Invalid aspect_ratio "7:5"');
  });

  it('sees the Images API faults as its own error classes', async () => {
    const request = { imageGenerationRequest: { model: 'openai/gpt-image-1', prompt: 'x' } };
    server.mock.next({
      route: 'images',
      faults: [{ type: 'http-error', status: 429, retryAfter: 1 }],
    });
    const limited = await sdk()
      .images.generate(request)
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TooManyRequestsResponseError);
    expect((limited as TooManyRequestsResponseError).headers.get('retry-after')).toBe('1');
    server.mock.next({ route: 'images', fixture: 'errors/images-502-not-finished' });
    const unfinished = await sdk()
      .images.generate(request)
      .catch((e: unknown) => e);
    expect(unfinished).toBeInstanceOf(BadGatewayResponseError);
    expect((unfinished as BadGatewayResponseError).error.message).toContain('not billed');
  });
});

describe('the Vercel AI SDK (ai 7.0.173) through @openrouter/ai-sdk-provider 3.1.0 imageModel()', () => {
  const provider = () => createOpenRouter({ apiKey: FAKE_KEY, baseURL: `${server.url}/api/v1` });

  it('generateImage gets n images at the aspect ratio asked for', async () => {
    const { images } = await generateImage({
      model: provider().imageModel('bytedance-seed/seedream-4.5'),
      prompt: 'a lighthouse in a storm',
      n: 2,
      aspectRatio: '16:9',
      seed: 42,
      maxRetries: 0,
    });
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.mediaType).toBe('image/png');
      expect(ratioOf(image.base64)).toBe(16 / 9);
    }
    expect(server.mock.callsTo('images')[0]!.body).toMatchObject({
      model: 'bytedance-seed/seedream-4.5',
      n: 2,
      aspect_ratio: '16:9',
      seed: 42,
    });
  });

  it('generateImage with a pixel size gets that size', async () => {
    const { image } = await generateImage({
      model: provider().imageModel('openai/gpt-image-1'),
      prompt: 'a bowl of ramen',
      size: '1536x1024',
      maxRetries: 0,
    });
    expect(pngDimensions(image.base64)).toEqual([1536, 1024]);
  });

  it('an invalid ratio is an APICallError carrying the API’s 400 body', async () => {
    const error = await generateImage({
      model: provider().imageModel('google/gemini-3.1-flash-image-preview'),
      prompt: 'x',
      aspectRatio: '7:5',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    const call = error as APICallError;
    expect(call.statusCode).toBe(400);
    expect(JSON.parse(call.responseBody!)).toMatchObject({
      error: { code: 400, message: expect.stringContaining('Invalid aspect_ratio "7:5"') },
    });
  });
});
