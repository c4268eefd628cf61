import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../replay/replay';
import { decodeBody } from '../test-utils/decode-body';
import { blockSize, decodeMockPng } from '../test-utils/decode-png';
import { FAKE_KEY, imagesEvents, pngDimensions } from '../test-utils/images-api';
import { repoFixtures } from '../test-utils/repo-fixtures';
import { createLunosMock } from './create-lunos-mock';

const fixtures = await repoFixtures();
const mock = createLunosMock({ fixtures });
const strict = createLunosMock({
  fixtures,
  onUnmatched: 'error',
  baseURL: 'https://strict.example/v1',
});
const server = setupServer(...strict.handlers, ...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.reset();
  strict.reset();
});
afterAll(() => server.close());

const OPENROUTER = 'https://openrouter.ai/api/v1';

function generate(body: unknown, headers: Record<string, string> = {}, base = OPENROUTER) {
  return fetch(`${base}/images`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${FAKE_KEY}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface JsonAnswer {
  created: number;
  data: { b64_json: string; media_type: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number };
}

async function json(body: unknown): Promise<JsonAnswer> {
  const response = await generate(body);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as JsonAnswer;
}

const seedream = 'bytedance-seed/seedream-4.5';
const gemini = 'google/gemini-3.1-flash-image-preview';
const gptImage = 'openai/gpt-image-1';
const flux = 'black-forest-labs/flux.2-pro';

describe('JSON answers', () => {
  it('draws n images at the ratio asked for, each its own picture, with usage and cost', async () => {
    const answer = await json({
      model: seedream,
      prompt: 'two kites at dusk',
      n: 2,
      aspect_ratio: '16:9',
    });
    expect(answer.data).toHaveLength(2);
    expect(Number.isInteger(answer.created)).toBe(true);
    for (const image of answer.data) {
      expect(image.media_type).toBe('image/png');
      const [width, height] = pngDimensions(image.b64_json);
      expect([width, height]).toEqual([1360, 765]);
      expect(width * 9).toBe(height * 16);
    }
    expect(answer.data[0]!.b64_json).not.toBe(answer.data[1]!.b64_json);
    // Seedream bills $0.04 per image.
    expect(answer.usage).toMatchObject({
      cost: 0.08,
      total_tokens: answer.usage.prompt_tokens + answer.usage.completion_tokens,
    });
  });

  it('is the same for the same request and seed, and differs with the seed', async () => {
    const body = { model: flux, prompt: 'a lighthouse in fog', aspect_ratio: '21:9' };
    const pictures = async (extra: object) => (await json({ ...body, ...extra })).data[0]!.b64_json;
    const plain = await pictures({});
    expect(await pictures({})).toBe(plain);
    const seven = await pictures({ seed: 7 });
    expect(seven).not.toBe(plain);
    expect(await pictures({ seed: 7 })).toBe(seven);
    expect(await pictures({ seed: 8 })).not.toBe(seven);
    const [width, height] = pngDimensions(plain);
    expect(width * 9).toBe(height * 21);
  });

  it.each([
    [{ model: seedream, aspect_ratio: '16:9', resolution: '2K' }, [2736, 1539]],
    [{ model: seedream, size: '2K', aspect_ratio: '3:4' }, [1773, 2364]],
    [{ model: seedream, size: '1600x900' }, [1600, 900]],
    [{ model: gemini, aspect_ratio: '16:9', resolution: '2K' }, [2688, 1536]],
    [{ model: gemini, resolution: '512' }, [512, 512]],
    [{ model: gemini, aspect_ratio: '4:1' }, [2048, 512]],
    [{ model: gptImage, aspect_ratio: '2:3' }, [1024, 1536]],
    [{ model: gptImage, size: '1536x1024' }, [1536, 1024]],
    [{ model: gptImage }, [1024, 1024]],
  ])('%o is drawn at %o', async (options, size) => {
    const answer = await json({ prompt: 'a city at night', ...options });
    expect(pngDimensions(answer.data[0]!.b64_json)).toEqual(size);
  });

  it('prices each unit: per megapixel, per image by resolution tier, per token', async () => {
    const megapixels = (1360 * 765) / 1e6;
    expect((await json({ model: flux, prompt: 'x', aspect_ratio: '16:9' })).usage.cost).toBeCloseTo(
      0.03 * megapixels,
      6,
    );
    const tiered = await json({ model: gemini, prompt: 'a cat', resolution: '2K' });
    expect(tiered.usage.cost).toBeCloseTo(0.101 + 0.0000005 * tiered.usage.prompt_tokens, 7);
    const tokens = await json({ model: gptImage, prompt: 'a cat', n: 3 });
    expect(tokens.usage.completion_tokens).toBe(3 * 1056);
    expect(tokens.usage.cost).toBeCloseTo(
      3 * 1056 * 0.00004 + tokens.usage.prompt_tokens * 0.000005,
      7,
    );
  });

  it('takes n as an upper bound: a model makes what it can, at most n, and bills those', async () => {
    // Gemini and FLUX make one image per request, Seedream at most 4 (its n range ends there).
    const one = await json({ model: gemini, prompt: 'a cat', n: 2 });
    expect(one.data).toHaveLength(1);
    expect((await json({ model: flux, prompt: 'a cat', n: 10 })).data).toHaveLength(1);
    const four = await json({ model: seedream, prompt: 'a cat', n: 5 });
    expect(four.data).toHaveLength(4);
    expect(new Set(four.data.map((d) => d.b64_json)).size).toBe(4);
    expect(four.usage.cost).toBeCloseTo(4 * 0.04, 10);
    expect(mock.callsTo('images')[2]!.body).toMatchObject({ n: 5 });
  });

  it('answers JSON to stream: true on a model without native streaming, as the API does', async () => {
    const answer = await json({ model: seedream, prompt: 'a red kite', stream: true });
    expect(answer.data).toHaveLength(1);
  });
});

describe('streamed answers', () => {
  it('sends, per image, coarse previews of it at its size, then completed; then [DONE]', async () => {
    const body = { model: gptImage, prompt: 'a harbour at dawn', n: 2, size: '1536x1024' };
    const response = await generate({ ...body, stream: true }, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const items = await decodeBody(response.clone());
    expect(items[0]).toEqual({ type: 'comment', comment: ' OPENROUTER PROCESSING' });
    expect(items.at(-1)).toMatchObject({ type: 'event', data: '[DONE]' });
    const events = await imagesEvents(response);
    expect(events.map((e) => [e.type, e.partial_image_index])).toEqual([
      ['image_generation.partial_image', 0],
      ['image_generation.partial_image', 1],
      ['image_generation.completed', undefined],
      ['image_generation.partial_image', 0],
      ['image_generation.partial_image', 1],
      ['image_generation.completed', undefined],
    ]);
    const b64 = events.map((e) => e.b64_json as string);
    for (const image of b64) expect(pngDimensions(image)).toEqual([1536, 1024]);
    // Previews are real renderings of their image, coarse first (blocks of 32 px, then 8 px):
    // looked at in the scene, between the corner label and the caption band.
    expect(new Set(b64).size).toBe(6);
    const blocks = await Promise.all(
      b64.map(async (image) => {
        const { rows, height } = await decodeMockPng(image);
        return blockSize(rows, Math.round(height * 0.25), Math.round(height * 0.6), [32, 8]);
      }),
    );
    expect(blocks).toEqual([32, 8, 1, 32, 8, 1]);
    const [first, last] = [events[2]!, events[5]!];
    expect(first).toMatchObject({ media_type: 'image/png', created: expect.any(Number) });
    // Usage billed so far: the last completed event is the JSON answer's.
    const whole = await json(body);
    expect(last.usage).toEqual(whole.usage);
    expect((first.usage as JsonAnswer['usage']).completion_tokens * 2).toBe(
      whole.usage.completion_tokens,
    );
    expect(whole.data.map((d) => d.b64_json)).toEqual([b64[2], b64[5]]);
  });
});

describe('requests the API refuses', () => {
  it.each([
    [
      { model: seedream, aspect_ratio: '7:5' },
      400,
      'Invalid aspect_ratio "7:5". Supported values: 1:1, 1:2',
    ],
    [
      { model: seedream, aspect_ratio: '1:8' },
      400,
      `Invalid aspect_ratio "1:8" for ${seedream}. Supported values: 1:1, 4:3`,
    ],
    [
      { model: gemini, aspect_ratio: '16:9', size: '1024x1024' },
      400,
      'size "1024x1024" conflicts with aspect_ratio "16:9"',
    ],
    [
      { model: seedream, resolution: '2K', size: '1360x765' },
      400,
      'size "1360x765" is a 1K size and conflicts with resolution "2K"',
    ],
    [
      { model: seedream, resolution: '1K', size: '2K' },
      400,
      'size "2K" conflicts with resolution "1K"',
    ],
    [
      { model: gptImage, aspect_ratio: '3:2', size: '1024x1536' },
      400,
      'conflicts with aspect_ratio "3:2"',
    ],
    [{ model: seedream, size: '9000x9000' }, 400, 'size "9000x9000" is out of range'],
    [{ model: seedream, size: 'huge' }, 400, 'size: must be a tier'],
    [{ model: gptImage, n: 11 }, 400, 'n: Too big'],
    [
      { model: gptImage, quality: 'xhigh' },
      400,
      `Invalid quality "xhigh" for ${gptImage}. Supported values: auto, low, medium, high`,
    ],
    [{ model: gptImage, output_compression: 101 }, 400, 'output_compression: Too big'],
    [{ model: 'acme/nothing' }, 400, 'acme/nothing is not a valid model ID'],
    [
      { model: 'openai/gpt-5.4-nano' },
      404,
      'No image generation endpoints found for openai/gpt-5.4-nano',
    ],
    [{ model: seedream, prompt: undefined }, 400, 'prompt'],
  ])('%o → %i', async (body, status, message) => {
    const response = await generate({ prompt: 'a kite', ...body });
    expect(response.status).toBe(status);
    const error = (await response.json()) as { error: { code: number; message: string } };
    expect(error.error.code).toBe(status);
    expect(error.error.message).toContain(message);
    expect(mock.callsTo('images')[0]!.answer).toEqual({ kind: 'invalid', status });
  });

  it('answers 400 to a body that is not JSON, and ignores a parameter the model does not describe', async () => {
    const broken = await generate('{"model":');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      error: { message: 'Invalid JSON in request body' },
    });
    // Seedream has no quality knob: its provider ignores it (api docs), so does the mock.
    expect((await json({ model: seedream, prompt: 'x', quality: 'high' })).data).toHaveLength(1);
  });
});

describe('faults and fixtures', () => {
  const body = { model: gptImage, prompt: 'a lantern festival' };
  const fault = (spec: string, extra: object = {}) =>
    generate({ ...body, ...extra }, { 'x-lunos-mock-fault': spec });

  it.each([
    ['http-error:402', 402, 'Insufficient credits to generate this image'],
    ['http-error:502', 502, 'Image generation did not finish, so it was not billed'],
    ['http-error:524', 524, 'Provider timed out'],
    ['http-error:529', 529, 'Provider is overloaded'],
  ])('%s answers %i in the API’s error shape', async (spec, status, message) => {
    const response = await fault(spec);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({
      error: { code: status, message: expect.stringContaining(message) },
    });
  });

  it('http-error:429 says Retry-After, in the header and in metadata', async () => {
    const response = await fault('http-error:429');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('16');
    expect(await response.json()).toMatchObject({
      error: {
        code: 429,
        metadata: { retry_after_seconds: 16, raw: expect.stringContaining(gptImage) },
      },
    });
  });

  it('in-band-error puts the Images API’s error event in the stream, then [DONE]', async () => {
    const events = await imagesEvents(await fault('in-band-error', { stream: true }));
    expect(events.map((e) => e.type)).toEqual(['image_generation.partial_image', 'error']);
    expect(events[1]).toEqual({
      type: 'error',
      error: { code: 'server_error', message: 'Generation failed' },
    });
    const coded = await imagesEvents(
      await fault('in-band-error@3:rate_limit_exceeded', { stream: true }),
    );
    expect(coded.at(-1)).toMatchObject({ type: 'error', error: { code: 'rate_limit_exceeded' } });
  });

  it('truncate ends a stream cleanly before its first completed image, with no [DONE]', async () => {
    const items = await decodeBody(await fault('truncate', { stream: true }));
    expect(
      items
        .filter((i) => i.type === 'event')
        .map((i) => JSON.parse((i as { data: string }).data).type),
    ).toEqual(['image_generation.partial_image', 'image_generation.partial_image']);
  });

  it.each([
    ['images/text-only', 200, 'json'],
    ['images/text-only-stream', 200, 'text-chunks'],
    ['images/in-stream-error-stream', 200, 'error-event'],
    ['errors/images-502-not-finished', 502, 'json'],
  ])('the fixture %s is chosen by scenario, for any request', async (id, status, kind) => {
    mock.next({ route: 'images', fixture: id });
    const response = await generate({ ...body, stream: true });
    expect(response.status).toBe(status);
    expect(mock.callsTo('images')[0]!.answer).toEqual({ kind: 'fixture', fixtureId: id, status });
    if (kind === 'json') {
      const answer = (await response.json()) as { data?: unknown[]; error?: { message: string } };
      if (status === 200) expect(answer.data).toEqual([]);
      else expect(answer.error!.message).toContain('not billed');
      return;
    }
    const events = await imagesEvents(response);
    expect(events.some((e) => e.type === 'image_generation.completed')).toBe(false);
    if (kind === 'text-chunks') {
      expect(events.map((e) => e.text).join('')).toContain('invented character');
    } else {
      expect(events.at(-1)).toEqual({
        type: 'error',
        error: { code: 'server_error', message: 'Generation failed' },
      });
    }
  });

  it('replays a fixture whose request matches, as a direct replay would', async () => {
    const recorded = fixtures.get('images/lighthouse-n2');
    const response = await generate({
      ...(recorded.request.body as object),
      prompt: '  a LIGHTHOUSE on a cliff at dawn ',
    });
    const direct = await replay(recorded, { loadBlob: fixtures.loadBlob });
    expect(await response.json()).toEqual(await direct.json());
    expect(mock.callsTo('images')[0]!.answer).toEqual({
      kind: 'fixture',
      fixtureId: 'images/lighthouse-n2',
      status: 200,
    });
    // Another n is another request: drawn, not replayed.
    await (await generate({ ...(recorded.request.body as object), n: 1 })).arrayBuffer();
    expect(mock.callsTo('images')[1]!.answer.kind).toBe('synthesized');
  });

  it('with onUnmatched: error, a valid request no fixture matches gets 501', async () => {
    const response = await generate(body, {}, 'https://strict.example/v1');
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({
      error: {
        code: 501,
        message: `No fixture matches model ${gptImage} and prompt "a lantern festival"`,
      },
    });
    expect(strict.callsTo('images')[0]!.answer).toEqual({ kind: 'unmatched', status: 501 });
  });
});
