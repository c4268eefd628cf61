import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLunosImageHandler } from '@lunos-image/core/server';
import { toNodeListener } from '@lunos-image/core/server/node';
import { buildImageStream, cutIntoReads } from './openrouter-streams';

const KEY = `sk-bench-${'0'.repeat(40)}`;
const body = JSON.stringify({
  model: 'google/gemini-3-pro-image-preview',
  messages: [{ role: 'user', content: 'a sunset' }],
  stream: true,
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * An upstream on 127.0.0.1 that answers every request with the image stream in 64 KiB writes,
 * and the handler mounted with `toNodeListener` in front of it: the same bytes, direct or through
 * the handler.
 */
export async function startPair(imageBytes: number) {
  const reads = cutIntoReads(buildImageStream(imageBytes).wire, 64 * 1024);
  const upstream = createServer(async (req, res) => {
    for await (const _ of req) {
      // drain the request body
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const read of reads) {
      if (!res.write(read)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  });
  const upstreamUrl = await listen(upstream);
  const handler = createServer(
    toNodeListener(createLunosImageHandler({ apiKey: KEY, baseURL: `${upstreamUrl}/v1` })),
  );
  const handlerUrl = await listen(handler);
  const total = reads.reduce((n, r) => n + r.byteLength, 0);
  return {
    direct: `${upstreamUrl}/v1/chat/completions`,
    through: `${handlerUrl}/api/lunos/chat/completions`,
    total,
    close() {
      for (const server of [upstream, handler]) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
}

/** Time to first and last byte of one streamed answer, reading (and dropping) every chunk. */
export async function timeOne(url: string, total: number, onRead?: () => void) {
  const start = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const reader = response.body!.getReader();
  let first = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) first = performance.now() - start;
    bytes += value.byteLength;
    onRead?.();
  }
  if (bytes !== total) throw new Error(`read ${bytes} of ${total} bytes`);
  return { first, last: performance.now() - start };
}
