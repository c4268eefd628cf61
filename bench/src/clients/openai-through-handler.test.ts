import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLunosImageHandler } from '@lunos-image/core/server';
import { toNodeListener } from '@lunos-image/core/server/node';
import OpenAI from 'openai';
import { afterEach, expect, it } from 'vitest';

// openai-node is a dependency of this package only: it reaches images through our route handler
// mounted on node:http, with a placeholder key of its own that must never reach the upstream.
const KEY = `sk-or-v1-${'f0e1d2c3'.repeat(8)}`;
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEklEQVR4nGP4z8DAwMDAwMAAAA4AAf/2lX4AAAAASUVORK5CYII=';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it('openai-node streams an image through the handler', async () => {
  const seen: IncomingMessage['headers'][] = [];
  const upstream = await listen(
    createServer(async (req, res) => {
      for await (const _ of req) {
        // drain
      }
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = {
        id: 'gen-1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'google/gemini-2.5-flash-image',
        choices: [
          {
            index: 0,
            delta: {
              role: 'assistant',
              content: '',
              images: [{ type: 'image_url', image_url: { url: PNG } }],
            },
            finish_reason: 'stop',
          },
        ],
      };
      res.write(': OPENROUTER PROCESSING\n\n');
      res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
    }),
  );
  const handler = await listen(
    createServer(
      toNodeListener(createLunosImageHandler({ apiKey: KEY, baseURL: `${upstream}/v1` })),
    ),
  );
  const openai = new OpenAI({
    baseURL: `${handler}/api/lunos`,
    apiKey: 'not-a-key',
    maxRetries: 0,
  });
  const stream = await openai.chat.completions.create({
    model: 'google/gemini-2.5-flash-image',
    messages: [{ role: 'user', content: 'a sunset' }],
    stream: true,
  });
  const images: string[] = [];
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { images?: { image_url: { url: string } }[] };
    for (const image of delta?.images ?? []) images.push(image.image_url.url);
  }
  expect(images).toEqual([PNG]);
  expect(seen[0]!.authorization).toBe(`Bearer ${KEY}`);
});
