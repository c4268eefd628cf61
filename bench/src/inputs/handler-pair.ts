import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLunosImageHandler } from '@lunos-image/core/server';
import { toNodeListener } from '@lunos-image/core/server/node';

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

const upstreamScript = fileURLToPath(new URL('./image-stream-upstream.ts', import.meta.url));

/**
 * An upstream serving the image stream from a child process (so its work is not on this event
 * loop), and the handler mounted with `toNodeListener` here in front of it: the same bytes,
 * direct or through the handler.
 */
export async function startPair(imageBytes: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', upstreamScript, String(imageBytes)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const { url: upstreamUrl, total } = JSON.parse(line) as { url: string; total: number };
  const handler = createServer(
    toNodeListener(createLunosImageHandler({ apiKey: KEY, baseURL: `${upstreamUrl}/v1` })),
  );
  const handlerUrl = await listen(handler);
  return {
    direct: `${upstreamUrl}/v1/chat/completions`,
    through: `${handlerUrl}/api/lunos/chat/completions`,
    total,
    close() {
      handler.closeAllConnections();
      handler.close();
      child.kill();
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
