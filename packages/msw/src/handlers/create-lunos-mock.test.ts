import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../replay/replay';
import { decodeBody } from '../test-utils/decode-body';
import { repoFixtures } from '../test-utils/repo-fixtures';
import { createLunosMock } from './create-lunos-mock';

const fixtures = await repoFixtures();
const mock = createLunosMock({ fixtures });
// No fixtures: every valid request is synthesized, every invalid one gets the API's own error.
const bare = createLunosMock({ fixtures: false, requireAuth: true });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  bare.reset();
});
afterAll(() => server.close());

const OPENROUTER = 'https://openrouter.ai/api/v1';
const LUNOS = 'https://api.lunos.tech/v1';

function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
      authorization: `Bearer sk-or-v1-${'test'.repeat(5)}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const sunsetStream = {
  model: 'openrouter/google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'Generate a beautiful sunset over mountains' }],
  modalities: ['image', 'text'],
  stream: true,
};

function pngSize(dataUrl: string): { width: number; height: number } {
  const bytes = Uint8Array.from(
    atob(dataUrl.slice(dataUrl.indexOf(',') + 1, dataUrl.indexOf(',') + 40)),
    (c) => c.charCodeAt(0),
  );
  const view = new DataView(bytes.buffer);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('createLunosMock handlers', () => {
  it('replays the fixture whose request matches, as a direct replay would', async () => {
    server.use(...mock.handlers);
    const response = await post(LUNOS, {
      ...sunsetStream,
      messages: [{ role: 'user', content: '  generate a BEAUTIFUL sunset over mountains ' }],
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const items = await decodeBody(response);
    const direct = await decodeBody(
      await replay(fixtures.get('chat/sunset-stream'), { loadBlob: fixtures.loadBlob }),
    );
    expect(items).toEqual(direct);
    expect(mock.calls).toHaveLength(1);
    expect(mock.calls[0]!.answer).toEqual({
      kind: 'fixture',
      fixtureId: 'chat/sunset-stream',
      status: 200,
    });
    expect(mock.calls[0]!.headers.authorization).toBe('Bearer <redacted>');
    expect(mock.calls[0]!.body).toMatchObject({ model: sunsetStream.model, stream: true });
    expect(mock.calls[0]!.dialect).toBe('lunos');
  });

  it('answers with the fixture named by x-lunos-mock-fixture or a queued scenario', async () => {
    server.use(...mock.handlers);
    const byHeader = await post(OPENROUTER, sunsetStream, {
      'x-lunos-mock-fixture': 'errors/402-insufficient-credits',
    });
    expect(byHeader.status).toBe(402);
    mock.next({ fixture: 'errors/429-rate-limited' });
    const byScenario = await post(OPENROUTER, sunsetStream);
    expect(byScenario.status).toBe(429);
    expect(byScenario.headers.get('retry-after')).toBe('16');
    const after = await post(OPENROUTER, sunsetStream);
    expect(after.status).toBe(200);
    // Read to the end: msw tees mocked bodies in Node, so cancel() would wait for the other branch.
    await after.arrayBuffer();
    const unknown = await post(OPENROUTER, sunsetStream, {
      'x-lunos-mock-fixture': 'nope/nothing',
    });
    expect(unknown.status).toBe(501);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      'nope/nothing',
    );
  });

  it('applies faults from headers and scenarios', async () => {
    server.use(...mock.handlers);
    const limited = await post(OPENROUTER, sunsetStream, {
      'x-lunos-mock-fault': 'http-error:503',
    });
    expect(limited.status).toBe(503);
    mock.next({ faults: [{ type: 'drop', afterEvents: 3 }] });
    const dropped = await post(LUNOS, sunsetStream);
    await expect(dropped.text()).rejects.toThrow();
    const bad = await post(OPENROUTER, sunsetStream, { 'x-lunos-mock-fault': 'explode' });
    expect(bad.status).toBe(501);
  });

  it('answers invalid requests the way the API does, in each dialect', async () => {
    server.use(...bare.handlers);
    const auth = { authorization: 'Bearer token-for-tests' };
    const noModel = await post(OPENROUTER, { messages: [{ role: 'user', content: 'x' }] }, auth);
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toMatchObject({
      error: { code: 400, message: expect.stringContaining('model') },
    });
    const unknown = await post(LUNOS, { ...sunsetStream, model: 'acme/nothing' }, auth);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'invalid_request_error', param: 'model' },
    });
    const modalities = await post(
      OPENROUTER,
      { ...sunsetStream, model: 'black-forest-labs/flux.2-pro' },
      auth,
    );
    expect(modalities.status).toBe(404);
    expect(await modalities.json()).toMatchObject({
      error: {
        message: 'No endpoints found that support the requested output modalities: image, text',
      },
    });
    const ratio = await post(
      OPENROUTER,
      { ...sunsetStream, image_config: { aspect_ratio: '4:1' } },
      auth,
    );
    expect(ratio.status).toBe(400);
    const extended = await post(
      OPENROUTER,
      {
        ...sunsetStream,
        model: 'google/gemini-3.1-flash-image-preview',
        stream: false,
        image_config: { aspect_ratio: '4:1' },
      },
      auth,
    );
    expect(extended.status).toBe(200);
    const json = await fetch(`${OPENROUTER}/chat/completions`, {
      method: 'POST',
      headers: auth,
      body: '{"model":',
    });
    expect(json.status).toBe(400);
    const anonymous = await fetch(`${OPENROUTER}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(sunsetStream),
    });
    expect(anonymous.status).toBe(401);
    expect(bare.calls.map((c) => c.answer.kind)).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
      'synthesized',
      'invalid',
      'unauthorized',
    ]);
  });

  it('replays recorded error answers that match an invalid request', async () => {
    server.use(...mock.handlers);
    const response = await post(OPENROUTER, {
      model: 'black-forest-labs/flux.2-pro',
      messages: [{ role: 'user', content: 'anything' }],
      modalities: ['text', 'image'],
    });
    expect(response.status).toBe(404);
    expect(mock.calls[0]!.answer.fixtureId).toBe('errors/404-wrong-modalities');
  });

  it('synthesizes a picture at the requested ratio and size, captioned with the prompt', async () => {
    server.use(...bare.handlers);
    const response = await post(OPENROUTER, {
      model: 'google/gemini-3-pro-image-preview',
      messages: [{ role: 'user', content: 'A cat astronaut on the moon' }],
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '9:16', image_size: '2K' },
    });
    const body = (await response.json()) as {
      choices: { message: { content: string; images: { image_url: { url: string } }[] } }[];
      usage: { cost: number };
    };
    const message = body.choices[0]!.message;
    expect(message.content).toContain('A cat astronaut on the moon');
    expect(pngSize(message.images[0]!.image_url.url)).toEqual({ width: 1536, height: 2688 });
    expect(body.usage.cost).toBeGreaterThan(0);

    const imageOnly = await post(OPENROUTER, {
      model: 'microsoft/mai-image-2.5',
      messages: [{ role: 'user', content: 'A red bicycle' }],
      modalities: ['image'],
      image_config: { aspect_ratio: '16:9' },
      stream: true,
    });
    const items = await decodeBody(imageOnly);
    const chunks = items.flatMap((i) =>
      i.type === 'event' && i.data !== '[DONE]' ? [JSON.parse(i.data)] : [],
    );
    const url = chunks.flatMap((c) => c.choices?.[0]?.delta?.images ?? [])[0]?.image_url
      .url as string;
    expect(pngSize(url)).toEqual({ width: 1365, height: 768 });
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('');
    expect(items[0]).toEqual({ type: 'comment', comment: ' OPENROUTER PROCESSING' });
    expect(items.at(-1)).toMatchObject({ type: 'event', data: '[DONE]' });
  });

  it('answers 501 for an unmatched request with onUnmatched: error', async () => {
    const strict = createLunosMock({ fixtures, onUnmatched: 'error' });
    server.use(...strict.handlers);
    const response = await post(OPENROUTER, {
      ...sunsetStream,
      messages: [{ role: 'user', content: 'something else' }],
    });
    expect(response.status).toBe(501);
    expect(strict.calls[0]!.answer.kind).toBe('unmatched');
  });

  it('filters the model list with each dialect’s parameters', async () => {
    server.use(...mock.handlers);
    const ids = async (url: string) => {
      const json = (await (await fetch(url)).json()) as
        | { data?: { id: string }[] }
        | { id: string }[];
      return (Array.isArray(json) ? json : json.data!).map((m) => m.id);
    };
    const textOnly = await ids(`${OPENROUTER}/models`);
    expect(textOnly).toContain('openai/gpt-5.4-nano');
    expect(textOnly).not.toContain('black-forest-labs/flux.2-pro');
    const images = await ids(`${OPENROUTER}/models?output_modalities=image&input_modalities=text`);
    expect(images).toEqual(
      expect.arrayContaining(['black-forest-labs/flux.2-pro', 'google/gemini-2.5-flash-image']),
    );
    expect(images).not.toContain('openai/gpt-5.4-nano');
    expect(await ids(`${OPENROUTER}/models?output_modalities=all`)).toHaveLength(10);
    const lunosImages = await ids(`${LUNOS}/models?input=text,image&output=image`);
    expect(lunosImages).not.toContain('openrouter/microsoft/mai-image-2.5');
    expect(lunosImages).toContain('openrouter/sourceful/riverflow-v2-fast');
    expect(await ids(`${LUNOS}/models`)).toHaveLength(10);
    expect(mock.calls.every((c) => c.route === 'models')).toBe(true);
  });

  it('stops the stream when the client aborts', async () => {
    server.use(...mock.handlers);
    const controller = new AbortController();
    const response = await fetch(`${LUNOS}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(sunsetStream),
      signal: controller.signal,
      headers: { 'x-lunos-mock-timing': 'realtime' },
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });
});
