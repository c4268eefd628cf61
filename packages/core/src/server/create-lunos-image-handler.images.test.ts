import { createServer, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLunosImageClient } from '../client/create-lunos-image-client';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import {
  finalPng,
  gptImageListEntry,
  imagesEvent,
  imagesModelList,
  seedreamEndpoints,
} from '../test-utils/images-wire-examples';
import { localServers } from '../test-utils/local-servers';
import { createLunosImageHandler } from './create-lunos-image-handler';
import type { LunosImageHandlerOptions } from './lunos-image-handler-options';
import { toNodeListener } from './node/to-node-listener';

const KEY = ['sk', 'or', 'v1', 'e5f6'.repeat(16)].join('-');
const listen = localServers();

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** An Images API upstream: the list, the endpoints of each model, and a streamed generation. */
async function imagesUpstream() {
  const seen: { method: string; url: string; body: string; auth: string | undefined }[] = [];
  const url = await listen(
    createServer(async (req, res) => {
      let body = '';
      for await (const part of req) body += part;
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        auth: req.headers.authorization,
      });
      if (req.url === '/api/v1/images/models') return json(res, imagesModelList);
      if (req.url?.endsWith('/endpoints')) {
        return json(res, req.url.includes('seedream') ? seedreamEndpoints : { endpoints: [] });
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(imagesEvent.partial(0))}\n\n`);
      res.write(`data: ${JSON.stringify(imagesEvent.completed())}\n\n`);
      res.end('data: [DONE]\n\n');
    }),
  );
  return { url: `${url}/api/v1`, seen };
}

async function mount(options: LunosImageHandlerOptions) {
  const url = await listen(createServer(toNodeListener(createLunosImageHandler(options))));
  return `${url}/api/lunos`;
}

describe('the route handler serves the Images API', () => {
  it('streams a generation through, partial previews included, with the key added upstream', async () => {
    const upstream = await imagesUpstream();
    const url = await mount({ apiKey: KEY, dialect: 'openrouter', baseURL: upstream.url });
    const client = createLunosImageClient({ baseURL: url, dialect: 'openrouter' });
    const events: ImageStreamEvent['type'][] = [];
    const stream = client.streamImage({
      model: 'openai/gpt-image-1',
      prompt: 'a lighthouse',
      api: 'images',
    });
    for await (const event of stream) events.push(event.type);
    expect(events).toEqual(['partial-image', 'image', 'usage', 'finish']);
    expect((await stream.result()).images[0]?.base64).toBe(finalPng);
    expect(upstream.seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/images' });
    expect(upstream.seen[0]?.auth).toBe(`Bearer ${KEY}`);
  });

  it('lists image models and endpoints of allowed models only; refuses the others', async () => {
    const upstream = await imagesUpstream();
    const url = await mount({
      apiKey: KEY,
      dialect: 'openrouter',
      baseURL: upstream.url,
      allowModels: ['bytedance-seed/seedream-4.5'],
    });
    const client = createLunosImageClient({ baseURL: url, dialect: 'openrouter' });
    const models = await client.listModels({ api: 'images' });
    expect(models.map((m) => [m.id, m.pricing.perImage])).toEqual([
      ['bytedance-seed/seedream-4.5', 0.04],
    ]);
    const refused = await fetch(`${url}/images/models/openai/gpt-image-1/endpoints`);
    expect(refused.status).toBe(403);
    expect(upstream.seen.map((s) => s.url)).toEqual([
      '/api/v1/images/models',
      '/api/v1/images/models/bytedance-seed/seedream-4.5/endpoints',
    ]);
  });

  it('refuses before sending: a bad body, a model not allowed, a query, a dotted path', async () => {
    const upstream = await imagesUpstream();
    const url = await mount({
      apiKey: KEY,
      baseURL: upstream.url,
      allowModels: [gptImageListEntry.id],
      limits: { maxPromptChars: 20 },
    });
    const post = (body: unknown) =>
      fetch(`${url}/images`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const answers = await Promise.all([
      post({ model: 'openai/gpt-image-1' }),
      post({ model: 'openai/gpt-image-1', prompt: 'x', n: 0 }),
      post({ model: 'google/gemini-3.1-flash-image-preview', prompt: 'x' }),
      post({ model: 'openai/gpt-image-1', prompt: 'x'.repeat(21) }),
      fetch(`${url}/images/models?output=image`),
      // Decodes to the id `a/../admin`: a path step, not a model.
      fetch(`${url}/images/models/a%2F../admin/endpoints`),
      fetch(`${url}/images`),
    ]);
    const codes = await Promise.all(
      answers.map(async (r) => {
        const body = (await r.json()) as { error: { metadata: { error_type: string } } };
        return [r.status, body.error.metadata.error_type];
      }),
    );
    expect(codes).toEqual([
      [400, 'invalid_request'],
      [400, 'invalid_request'],
      [403, 'model_not_allowed'],
      [400, 'prompt_too_long'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
      [405, 'method_not_allowed'],
    ]);
    expect(upstream.seen).toEqual([]);
  });

  it('with a basePath, routes match exactly below it', async () => {
    const upstream = await imagesUpstream();
    const root = (
      await mount({ apiKey: KEY, baseURL: upstream.url, basePath: '/api/lunos' })
    ).replace(/\/api\/lunos$/, '');
    expect((await fetch(`${root}/api/lunos/images/models`)).status).toBe(200);
    expect((await fetch(`${root}/elsewhere/images/models`)).status).toBe(404);
    expect((await fetch(`${root}/api/lunos/x/images/models/a/b/endpoints`)).status).toBe(404);
  });
});
