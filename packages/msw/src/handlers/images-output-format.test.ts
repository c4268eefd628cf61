import { createLunosImageClient } from '@lunos-image/core';
import { decodeBase64, sniffImageType } from '@lunos-image/core/internal';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../test-utils/decode-image';
import { decodeMockPng } from '../test-utils/decode-png';
import { FAKE_KEY, imageDimensions, imagesEvents } from '../test-utils/images-api';
import { createLunosMock } from './create-lunos-mock';

const mock = createLunosMock({ fixtures: false });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

const BASE = 'https://openrouter.ai/api/v1';
const gptImage = 'openai/gpt-image-1';

function generate(body: object, headers: Record<string, string> = {}) {
  return fetch(`${BASE}/images`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${FAKE_KEY}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function firstImage(body: object): Promise<{ b64_json: string; media_type: string }> {
  const response = await generate(body);
  expect(response.status, await response.clone().text()).toBe(200);
  const { data } = (await response.json()) as { data: { b64_json: string; media_type: string }[] };
  return data[0]!;
}

/** Mean absolute difference per channel between decoded RGBA and a palette PNG's pixels. */
async function differenceFromPng(rgba: Uint8ClampedArray, pngB64: string): Promise<number> {
  const { rows, palette } = await decodeMockPng(pngB64);
  let sum = 0;
  let at = 0;
  for (const row of rows) {
    for (const index of row) {
      for (let c = 0; c < 3; c++) sum += Math.abs(rgba[at + c]! - palette[index * 3 + c]!);
      at += 4;
    }
  }
  return sum / ((at / 4) * 3);
}

describe.each([
  ['jpeg', 'image/jpeg'],
  ['webp', 'image/webp'],
] as const)('output_format: %s', (format, mediaType) => {
  it('answers real files of that format, at the size asked, labelled as such', async () => {
    const body = { model: gptImage, prompt: 'a lighthouse at dusk', size: '1536x1024' };
    const image = await firstImage({ ...body, output_format: format });
    expect(image.media_type).toBe(mediaType);
    const bytes = decodeBase64(image.b64_json);
    expect(sniffImageType(bytes)).toBe(mediaType);
    // Core reads the size from the file's own header (SOF, VP8 frame).
    expect(imageDimensions(image.b64_json, mediaType)).toEqual([1536, 1024]);
    // The reference decoder reads it whole, and it is the picture drawn as PNG, within lossy error.
    const decoded = await decodeImage(bytes, format);
    expect([decoded.width, decoded.height]).toEqual([1536, 1024]);
    const png = await firstImage({ ...body, output_format: 'png' });
    expect(png.media_type).toBe('image/png');
    expect(await differenceFromPng(decoded.data, png.b64_json)).toBeLessThan(4);
  });

  it('streams previews and images in that format, at the ratio asked', async () => {
    const response = await generate(
      {
        model: gptImage,
        prompt: 'a koi pond',
        aspect_ratio: '2:3',
        output_format: format,
        stream: true,
      },
      { accept: 'text/event-stream' },
    );
    const events = await imagesEvents(response);
    expect(events.map((e) => e.type)).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    expect(events[2]!.media_type).toBe(mediaType);
    for (const event of events) {
      const b64 = event.b64_json as string;
      expect(sniffImageType(decodeBase64(b64))).toBe(mediaType);
      expect(imageDimensions(b64, mediaType)).toEqual([1024, 1536]);
    }
  });

  it('reaches core’s client as a GeneratedImage of that type and size', async () => {
    const client = createLunosImageClient({
      apiKey: FAKE_KEY,
      dialect: 'openrouter',
      maxRetries: 0,
    });
    const result = await client.generateImage({
      model: gptImage,
      prompt: 'a bowl of ramen',
      api: 'images',
      outputFormat: format,
      aspectRatio: '3:2',
    });
    const [image] = result.images;
    expect(image?.mimeType).toBe(mediaType);
    expect([image?.width, image?.height]).toEqual([1536, 1024]);
    expect(sniffImageType(image!.bytes())).toBe(mediaType);
  });
});

describe('output_format on a model that does not describe it', () => {
  it('is ignored, as its provider would: PNG', async () => {
    const image = await firstImage({
      model: 'bytedance-seed/seedream-4.5',
      prompt: 'a red kite',
      output_format: 'webp',
    });
    expect(image.media_type).toBe('image/png');
    expect(sniffImageType(decodeBase64(image.b64_json))).toBe('image/png');
  });
});
