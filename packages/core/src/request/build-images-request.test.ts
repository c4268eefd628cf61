import { describe, expect, it } from 'vitest';
import { makePng } from '../image/test-utils/make-test-image';
import type { ImageModel } from '../models/image-model';
import { normalizeImagesModels } from '../models/normalize-images-models';
import { imagesModelList } from '../test-utils/images-wire-examples';
import { validationRejection } from '../test-utils/validation-rejection';
import { buildImagesRequest } from './build-images-request';
import type { GenerateImageVariables } from './generate-image-variables';

const [seedream, gptImage] = normalizeImagesModels(imagesModelList) as [ImageModel, ImageModel];
const PNG = makePng(2, 2);
const prompt = 'a red panda astronaut floating in space, studio lighting';

const rejection = validationRejection;

/** The issues of a refused build, as `path message` lines. */
async function refused(
  variables: Partial<GenerateImageVariables>,
  model?: ImageModel,
): Promise<string[]> {
  const error = await rejection(
    buildImagesRequest(
      { model: model?.id ?? 'openai/gpt-image-1', prompt, ...variables } as GenerateImageVariables,
      { dialect: 'openrouter', ...(model && { model }) },
    ),
  );
  return error.issues.map((i) => `${i.path} ${i.message}`);
}

describe('buildImagesRequest: the POST /images request', () => {
  it('sends every variable snake_case, in a stable order, to {base}/images', async () => {
    const request = await buildImagesRequest(
      {
        model: 'openai/gpt-image-1',
        prompt,
        api: 'images',
        n: 2,
        aspectRatio: '3:2',
        imageSize: '2K',
        quality: 'high',
        outputFormat: 'webp',
        background: 'opaque',
        outputCompression: 80,
        seed: 42,
        stream: true,
        provider: { only: ['openai'], allowFallbacks: false, options: { openai: { fooBar: 1 } } },
        user: 'u1',
        sessionId: 's1',
      },
      { dialect: 'openrouter', referer: 'https://example.com', title: 'Example' },
    );
    expect(request.url).toBe('https://openrouter.ai/api/v1/images');
    expect(request.method).toBe('POST');
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'http-referer': 'https://example.com',
      'x-title': 'Example',
    });
    // Routing keys go snake_case; the provider's own options stay as given.
    expect(request.body).toBe(
      `{"model":"openai/gpt-image-1","prompt":"${prompt}","n":2,"aspect_ratio":"3:2","resolution":"2K","quality":"high","output_format":"webp","background":"opaque","output_compression":80,"seed":42,"stream":true,"provider":{"only":["openai"],"allow_fallbacks":false,"options":{"openai":{"fooBar":1}}},"user":"u1","session_id":"s1"}`,
    );
    expect(request.warnings).toEqual([]);
  });

  it('JSON is asked for when not streaming; a proxy base URL works with or without a slash', async () => {
    const request = await buildImagesRequest(
      { model: 'x/y', prompt: 'p' },
      { dialect: 'openrouter', baseURL: 'http://localhost:8787/api/v1/' },
    );
    expect(request.url).toBe('http://localhost:8787/api/v1/images');
    expect(request.headers.accept).toBe('application/json');
    expect(request.json).toEqual({ model: 'x/y', prompt: 'p' });
  });

  it('imageSize is sent as resolution: 0.5K and 512 as "512", lower-case tiers upper-cased', async () => {
    const json = async (v: Partial<GenerateImageVariables>) =>
      (await buildImagesRequest({ model: 'x/y', prompt: 'p', ...v }, { dialect: 'openrouter' }))
        .json;
    expect((await json({ imageSize: '0.5K' })).resolution).toBe('512');
    expect((await json({ imageSize: '512' })).resolution).toBe('512');
    expect((await json({ imageSize: '4k' as '4K' })).resolution).toBe('4K');
    expect((await json({ size: '2k' })).size).toBe('2K');
    expect((await json({ size: '2048x1152', aspectRatio: '16:9', imageSize: '2K' })).size).toBe(
      '2048x1152',
    );
  });

  it('reference images become input_references, bytes as sniffed data URLs', async () => {
    const request = await buildImagesRequest(
      {
        model: 'openai/gpt-image-1',
        prompt: 'make this a watercolor painting',
        referenceImages: [
          new Blob([PNG as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
          'https://example.com/a.jpg',
        ],
      },
      { dialect: 'openrouter', model: gptImage },
    );
    const refs = request.json.input_references ?? [];
    expect(refs.map((r) => r.type)).toEqual(['image_url', 'image_url']);
    expect(refs[0]?.image_url.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(refs[1]?.image_url.url).toBe('https://example.com/a.jpg');
  });

  it('warns that Lunos itself documents no Images API, unless a proxy base URL is given', async () => {
    const direct = await buildImagesRequest({ model: 'x/y', prompt: 'p' }, { appId: 'app' });
    expect(direct.url).toBe('https://api.lunos.tech/v1/images');
    expect(direct.headers['x-app-id']).toBe('app');
    expect(direct.warnings).toEqual([
      "api: Lunos documents only the chat route; POST /images is OpenRouter's (pass dialect: 'openrouter', or api: 'chat')",
    ]);
    const proxied = await buildImagesRequest(
      { model: 'x/y', prompt: 'p' },
      { baseURL: 'https://my.app/api/lunos' },
    );
    expect(proxied.warnings).toEqual([]);
  });

  it('a model with every parameter in range passes its own checks', async () => {
    const request = await buildImagesRequest(
      {
        model: gptImage.id,
        prompt,
        n: 4,
        aspectRatio: '2:3',
        quality: 'low',
        outputFormat: 'jpeg',
        outputCompression: 0,
        referenceImages: [PNG, PNG, PNG, PNG],
      },
      { dialect: 'openrouter', model: gptImage },
    );
    expect(request.json.n).toBe(4);
    const seed = await buildImagesRequest(
      { model: seedream.id, prompt, seed: 7, imageSize: '2K', n: 1, size: '2048x1152' },
      { dialect: 'openrouter', model: seedream },
    );
    expect(seed.json).toMatchObject({ seed: 7, resolution: '2K', n: 1 });
  });
});

describe('buildImagesRequest refuses, naming the parameter and what is allowed', () => {
  it('chat-only variables, messages and a chat api', async () => {
    expect(await refused({ temperature: 0.5, modalities: ['image'] })).toEqual([
      "modalities is not part of the Images API: remove it, or pass api: 'chat'",
      "temperature is not part of the Images API: remove it, or pass api: 'chat'",
    ]);
    expect(
      await refused({ prompt: undefined, messages: [{ role: 'user', content: 'draw' }] } as never),
    ).toEqual([
      "messages are not part of the Images API, which takes a prompt: pass prompt, or api: 'chat'",
    ]);
    expect(await refused({ api: 'chat' })).toEqual([
      'api is "chat" but this builds the images request: use buildChatRequest',
    ]);
  });

  it('more than 16 reference images, and one that is not an image', async () => {
    expect(await refused({ referenceImages: Array.from({ length: 17 }, () => PNG) })).toEqual([
      'referenceImages holds 17 images; the Images API takes at most 16',
    ]);
    expect(await refused({ referenceImages: [PNG, 'ftp://x/a.png'] })).toEqual([
      'referenceImages[1] must be an http(s) URL, a data URL, a Blob or bytes',
    ]);
  });

  it('out-of-range values the schema knows, before any model is consulted', async () => {
    expect(await refused({ n: 11 })).toEqual(['n must be 1 to 10 (got 11)']);
    expect(await refused({ n: 1.5 })).toEqual(['n must be int (got 1.5)']);
    expect(await refused({ outputCompression: -1 })).toEqual([
      'outputCompression must be 0 to 100 (got -1)',
    ]);
    expect(await refused({ quality: 'ultra' as 'high' })).toEqual([
      'quality must be one of auto, low, medium, high, xhigh, max (got "ultra")',
    ]);
    expect(await refused({ outputFormat: 'svg' as 'png' })).toEqual([
      'outputFormat must be one of png, jpeg, webp (got "svg")',
    ]);
    expect(await refused({ size: 'huge' })).toEqual([
      'size must be a tier (512, 1K, 2K, 4K) or WxH pixels (got "huge")',
    ]);
  });

  it('a size that conflicts with the aspect ratio or the resolution', async () => {
    expect(await refused({ size: '2048x2048', aspectRatio: '16:9' })).toEqual([
      'size 2048x2048 is not 16:9 (aspectRatio): set one, or pixels of that ratio',
    ]);
    expect(await refused({ size: '2048x2048', imageSize: '1K' })).toEqual([
      'size 2048x2048 is a 2K size, not 1K (imageSize): set one',
    ]);
    expect(await refused({ size: '2K', imageSize: '4K' })).toEqual([
      'size conflicts with imageSize (2K vs 4K): set one',
    ]);
  });

  it('a parameter the model does not take, with the ones it does', async () => {
    expect(await refused({ seed: 1 }, gptImage)).toEqual([
      'seed is not supported by openai/gpt-image-1 (it takes: n, aspectRatio, quality, outputFormat, background, outputCompression, referenceImages)',
    ]);
    expect(await refused({ n: 2, quality: 'high' }, seedream)).toEqual([
      'quality is not supported by bytedance-seed/seedream-4.5 (it takes: imageSize, seed)',
    ]);
  });

  it('a value outside the model enum, too many references for it', async () => {
    const error = await rejection(
      buildImagesRequest(
        { model: gptImage.id, prompt, aspectRatio: '16:9', n: 5 },
        { dialect: 'openrouter', model: gptImage },
      ),
    );
    // n above the model's maximum is no issue: it is an upper bound (see the warning test below).
    expect(error.issues).toEqual([
      {
        path: 'aspectRatio',
        code: 'unsupported',
        allowed: ['1:1', '2:3', '3:2', 'auto'],
        message: '16:9 is not supported by openai/gpt-image-1 (supported: 1:1, 2:3, 3:2, auto)',
      },
    ]);
    expect(await refused({ quality: 'xhigh' }, gptImage)).toEqual([
      'quality xhigh is not supported by openai/gpt-image-1 (supported: auto, low, medium, high)',
    ]);
    expect(
      await refused({ referenceImages: Array.from({ length: 5 }, () => PNG) }, gptImage),
    ).toEqual(['referenceImages holds 5 images; openai/gpt-image-1 takes 0 to 4']);
  });

  it('n above what the model makes is sent with a warning: the API answers with fewer', async () => {
    const build = (n: number, model: ImageModel) =>
      buildImagesRequest({ model: model.id, prompt, n }, { dialect: 'openrouter', model });
    const many = await build(5, gptImage);
    expect(many.json.n).toBe(5);
    expect(many.warnings).toEqual([
      'n: openai/gpt-image-1 makes at most 4 images per request; n 5 is an upper bound, so expect at most 4 images',
    ]);
    // A model that lists no n makes one image.
    const one = await build(2, seedream);
    expect(one.json.n).toBe(2);
    expect(one.warnings).toEqual([
      'n: bytedance-seed/seedream-4.5 makes one image per request; n 2 is an upper bound, so expect one image',
    ]);
    expect((await build(4, gptImage)).warnings).toEqual([]);
    expect((await build(1, seedream)).warnings).toEqual([]);
    // The API's own range is still refused, whatever the model.
    expect(await refused({ n: 11 }, gptImage)).toEqual(['n must be 1 to 10 (got 11)']);
    expect(await refused({ n: 0 }, seedream)).toEqual(['n must be 1 to 10 (got 0)']);
  });

  it('resolution and a tier size against the model enum; pixels are left to the API', async () => {
    expect(await refused({ imageSize: '0.5K' }, seedream)).toEqual([
      'imageSize 512 is not supported by bytedance-seed/seedream-4.5 (supported: 1K, 2K, 4K)',
    ]);
    expect(await refused({ size: '512' }, seedream)).toEqual([
      'size 512 is not supported by bytedance-seed/seedream-4.5 (supported: 1K, 2K, 4K)',
    ]);
    const model: ImageModel = {
      ...seedream,
      parameters: { resolution: { type: 'enum', values: ['0.5K', '1K'] } },
    };
    const request = await buildImagesRequest(
      { model: model.id, prompt, imageSize: '512' },
      { dialect: 'openrouter', model },
    );
    expect(request.json.resolution).toBe('512');
  });

  it('reference images to a model that takes no image input', async () => {
    const textOnly: ImageModel = { ...seedream, inputModalities: ['text'] };
    expect(await refused({ referenceImages: [PNG] }, textOnly)).toEqual([
      'referenceImages bytedance-seed/seedream-4.5 takes no image input (input: text)',
    ]);
  });

  it('without typed parameters (a chat catalog entry) nothing is checked against the model', async () => {
    const { parameters: _, ...chatEntry } = gptImage;
    const request = await buildImagesRequest(
      { model: gptImage.id, prompt, seed: 1, n: 9 },
      { dialect: 'openrouter', model: chatEntry },
    );
    expect(request.json).toMatchObject({ seed: 1, n: 9 });
  });
});
