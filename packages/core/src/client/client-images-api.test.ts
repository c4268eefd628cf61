import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { decodeBase64 } from '../image/base64';
import { normalizeImagesModels } from '../models/normalize-images-models';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { fakeFetch, jsonResponse, sseData, sseResponse } from '../test-utils/fake-fetch';
import {
  finalPng,
  gptImageListEntry,
  imagesEvent,
  imagesJsonAnswer,
  imagesModelList,
  imagesUsage,
  previewPngs,
  secondPng,
  seedreamEndpoints,
} from '../test-utils/images-wire-examples';
import { createLunosImageClient } from './create-lunos-image-client';

const key = () => ['sk', 'or', 'v1', 'c'.repeat(64)].join('-');
const base = 'https://openrouter.ai/api/v1';
const vars = {
  model: 'openai/gpt-image-1',
  prompt: 'a lighthouse at dusk',
  api: 'images',
} as const;

const chatAnswerOf = (b64: string) => ({
  id: 'gen-1',
  model: 'openai/gpt-image-1',
  choices: [
    {
      finish_reason: 'stop',
      message: {
        role: 'assistant',
        content: '',
        images: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${b64}` } }],
      },
    },
  ],
  usage: imagesUsage,
});

async function eventsOf(stream: AsyncIterable<ImageStreamEvent>) {
  const events: ImageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('the Images API through the client', () => {
  it('posts to /images, snake_case, and folds a JSON answer with n images into slots', async () => {
    const fetch = fakeFetch(() => jsonResponse(imagesJsonAnswer([finalPng, secondPng])));
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: key(), fetch });
    const result = await client.generateImage({ ...vars, n: 2, quality: 'high', seed: 7 });
    const [call] = fetch.calls;
    expect(call?.url).toBe(`${base}/images`);
    expect(JSON.parse(call?.body ?? '')).toMatchObject({
      model: 'openai/gpt-image-1',
      prompt: 'a lighthouse at dusk',
      n: 2,
      quality: 'high',
      seed: 7,
    });
    expect(call?.headers.authorization).toBe(`Bearer ${key()}`);
    expect(result.images.map((i) => i.base64)).toEqual([finalPng, secondPng]);
    expect(result.usage?.cost).toBe(0.011);
  });

  it('one failed image of n: the result keeps the images that came, with every slot and the key scrubbed', async () => {
    const leaky = {
      type: 'error',
      error: { code: 'server_error', message: `upstream rejected ${key()}`, type: 'server_error' },
    };
    const fetch = fakeFetch(() =>
      sseResponse(
        [
          sseData(imagesEvent.completed(finalPng, { ...imagesUsage, cost: 0.04 })),
          sseData(leaky),
          'data: [DONE]\n\n',
        ].join(''),
      ),
    );
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: key(), fetch });
    const result = await client.generateImage({ ...vars, n: 3, stream: true });
    expect(result.images.map((i) => i.base64)).toEqual([finalPng]);
    expect(result.usage?.cost).toBe(0.04);
    expect(result.slots.map((slot) => [slot.status, slot.cost])).toEqual([
      ['done', 0.04],
      ['failed', undefined],
      ['not-made', undefined],
    ]);
    expect(result.slots[1]?.error?.message).toMatch(/upstream rejected/);
    expect(JSON.stringify(result.slots[1]?.error)).not.toContain(key().slice(-20));
    expect(result.slots[1]?.error?.message).not.toContain(key().slice(-20));
  });

  it('streams partial previews, then the image, usage and finish', async () => {
    const fetch = fakeFetch(() =>
      sseResponse(
        [
          sseData(imagesEvent.partial(0)),
          sseData(imagesEvent.partial(1)),
          sseData(imagesEvent.completed()),
          'data: [DONE]\n\n',
        ].join(''),
      ),
    );
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: key(), fetch });
    const stream = client.streamImage(vars);
    const events = await eventsOf(stream);
    expect(events.map((e) => e.type)).toEqual([
      'partial-image',
      'partial-image',
      'image',
      'usage',
      'finish',
    ]);
    const partials = events.filter((e) => e.type === 'partial-image');
    expect(partials.map((e) => [e.index, e.partialIndex, e.image.base64])).toEqual([
      [0, 0, previewPngs[0]],
      [0, 1, previewPngs[1]],
    ]);
    expect(JSON.parse(fetch.calls[0]?.body ?? '').stream).toBe(true);
    expect(fetch.calls[0]?.headers.accept).toBe('text/event-stream');
    expect((await stream.result()).images[0]?.base64).toBe(finalPng);
  });

  it('gives the same result for the same picture over the chat and the Images wire', async () => {
    const chat = createLunosImageClient({
      dialect: 'openrouter',
      apiKey: key(),
      fetch: fakeFetch(() => jsonResponse(chatAnswerOf(finalPng))),
    });
    const images = createLunosImageClient({
      dialect: 'openrouter',
      apiKey: key(),
      fetch: fakeFetch(() => jsonResponse(imagesJsonAnswer([finalPng]))),
    });
    const viaChat = await chat.generateImage({ model: vars.model, prompt: vars.prompt });
    const viaImages = await images.generateImage(vars);
    expect(viaImages.images.map((i) => i.bytes())).toEqual(viaChat.images.map((i) => i.bytes()));
    expect(viaImages.images[0]?.bytes()).toEqual(decodeBase64(finalPng));
    expect(viaImages.usage).toEqual(viaChat.usage);
    expect(viaImages.text).toBe(viaChat.text);
  });

  it('takes the Images wire by default for an OpenRouter model from the Images catalog', async () => {
    const fetch = fakeFetch((call) =>
      jsonResponse(call.url.endsWith('/images') ? imagesJsonAnswer() : chatAnswerOf(finalPng)),
    );
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: key(), fetch });
    const [model] = normalizeImagesModels({ data: [gptImageListEntry] });
    await client.generateImage({ model: vars.model, prompt: 'x' }, { model });
    await client.generateImage({ model: vars.model, prompt: 'x' });
    expect(fetch.calls.map((c) => c.url)).toEqual([`${base}/images`, `${base}/chat/completions`]);
  });

  it("refuses a value outside the model's parameters before sending anything", async () => {
    const fetch = fakeFetch(() => jsonResponse(imagesJsonAnswer()));
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: key(), fetch });
    const [model] = normalizeImagesModels({ data: [gptImageListEntry] });
    const error = await client
      .generateImage({ ...vars, quality: 'xhigh' }, { model })
      .catch((e) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/\bquality\b/);
    expect(fetch.calls).toHaveLength(0);
  });

  it('sends n above what the model makes, warning through onWarning first (n is an upper bound)', async () => {
    const order: string[] = [];
    const fetch = fakeFetch(() => {
      order.push('sent');
      return jsonResponse(imagesJsonAnswer([finalPng, secondPng]));
    });
    const onWarning = (warning: string) => order.push(warning);
    const client = createLunosImageClient({
      dialect: 'openrouter',
      apiKey: key(),
      fetch,
      onWarning,
    });
    const [model] = normalizeImagesModels({ data: [gptImageListEntry] });
    const result = await client.generateImage({ ...vars, n: 9 }, { model });
    expect(order).toEqual([
      'n: openai/gpt-image-1 makes at most 4 images per request; n 9 is an upper bound, so expect at most 4 images',
      'sent',
    ]);
    expect(JSON.parse(fetch.calls[0]?.body ?? '')).toMatchObject({ n: 9 });
    // The images that came are the result.
    expect(result.images).toHaveLength(2);
    // Outside the API's own 1 to 10 it is still refused.
    const error = await client.generateImage({ ...vars, n: 11 }, { model }).catch((e) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(1);
  });

  it('listModels({ api: "images" }) reads the list and each endpoints listing, prices included', async () => {
    const fetch = fakeFetch((call) => {
      if (call.url.endsWith('/images/models')) return jsonResponse(imagesModelList);
      if (call.url.includes('/bytedance-seed/seedream-4.5/endpoints')) {
        return jsonResponse(seedreamEndpoints);
      }
      return jsonResponse({ id: 'openai/gpt-image-1', endpoints: [] });
    });
    const client = createLunosImageClient({ dialect: 'openrouter', apiKey: key(), fetch });
    const models = await client.listModels({ api: 'images' });
    expect(models.map((m) => [m.id, m.api])).toEqual([
      ['bytedance-seed/seedream-4.5', 'images'],
      ['openai/gpt-image-1', 'images'],
    ]);
    expect(models[0]?.pricing.perImage).toBe(0.04);
    expect(models[1]?.parameters?.quality).toEqual({
      type: 'enum',
      values: ['auto', 'low', 'medium', 'high'],
    });
    expect(fetch.calls.map((c) => c.url.replace(base, ''))).toEqual([
      '/images/models',
      '/images/models/bytedance-seed/seedream-4.5/endpoints',
      '/images/models/openai/gpt-image-1/endpoints',
    ]);
    const editing = await client.listModels({ api: 'images', input: ['image'] });
    expect(editing).toHaveLength(2);
    // The list has no filters of its own: the client applies them (no model here writes text).
    expect(await client.listModels({ api: 'images', output: ['text'] })).toEqual([]);
  });
});
