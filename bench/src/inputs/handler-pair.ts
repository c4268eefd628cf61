import { type ChildProcess, spawn } from 'node:child_process';
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
const proxyScript = fileURLToPath(new URL('./proxy-server.ts', import.meta.url));

/** A script of ours in a child process; resolves with the first line it prints, as JSON. */
async function startChild<T>(script: string, args: string[]) {
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { child, info: JSON.parse(line) as T };
}

/**
 * The upstream and three proxies in front of it, each a process of its own as in production (the
 * client's work and the proxy's do not share an event loop): the route handler, the route handler
 * with jobs on (memory store), and a bare node:http pipe proxy as the reference for the cost of
 * any extra hop.
 */
export async function startProxies(imageBytes: number) {
  const upstream = await startChild<{ url: string; total: number }>(upstreamScript, [
    String(imageBytes),
  ]);
  const handler = await startChild<{ url: string }>(proxyScript, [upstream.info.url, 'handler']);
  const jobs = await startChild<{ url: string }>(proxyScript, [upstream.info.url, 'jobs']);
  const pipe = await startChild<{ url: string }>(proxyScript, [upstream.info.url, 'pipe']);
  return {
    direct: `${upstream.info.url}/v1/chat/completions`,
    through: `${handler.info.url}/api/lunos/chat/completions`,
    jobs: `${jobs.info.url}/api/lunos/chat/completions`,
    pipe: `${pipe.info.url}/v1/chat/completions`,
    total: upstream.info.total,
    close() {
      for (const { child } of [upstream, handler, jobs, pipe]) child.kill();
    },
  };
}

/**
 * What `proxy-server.ts` serves: the relay (`openrouter`: with OpenRouter's dialect), the handler
 * with jobs on one store or another, or with limits on Redis.
 */
export type HandlerKind =
  | 'handler'
  | 'jobs'
  | 'jobs-inline'
  | 'jobs-redis'
  | 'openrouter'
  | 'limits-redis';

/**
 * The upstream and a route handler of each `kind` in front of it, each a process of its own;
 * `jobs-redis` and `limits-redis` need `redisUrl`. Each handler's base URL is `<origin>/api/lunos`.
 */
export async function startHandlers<K extends HandlerKind>(
  imageBytes: number,
  kinds: readonly K[],
  redisUrl?: string,
) {
  const upstream = await startChild<{ url: string; total: number }>(upstreamScript, [
    String(imageBytes),
  ]);
  const children: { child: ChildProcess }[] = [upstream];
  const bases = {} as Record<K, string>;
  try {
    for (const kind of kinds) {
      const onRedis = kind === 'jobs-redis' || kind === 'limits-redis';
      const args = [upstream.info.url, kind, ...(onRedis ? [redisUrl ?? ''] : [])];
      const proxy = await startChild<{ url: string }>(proxyScript, args);
      children.push(proxy);
      bases[kind] = `${proxy.info.url}/api/lunos`;
    }
  } catch (error) {
    for (const { child } of children) child.kill();
    throw error;
  }
  return {
    bases,
    total: upstream.info.total,
    close() {
      for (const { child } of children) child.kill();
    },
  };
}

/** The request body every timing here sends (a streamed chat generation). */
export const GENERATION_BODY = body;

/**
 * An upstream serving the image stream from a child process (so its work is not on this event
 * loop), and the handler mounted with `toNodeListener` here in front of it: the same bytes,
 * direct or through the handler.
 */
export async function startPair(imageBytes: number) {
  const { child, info } = await startChild<{ url: string; total: number }>(upstreamScript, [
    String(imageBytes),
  ]);
  const { url: upstreamUrl, total } = info;
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

/** The last bytes of a job stream that ran to its end (the handler writes LF line ends). */
const JOB_DONE = 'event: lunos.end\ndata: {"status":"done"}\n\n';

/**
 * Time to first and last byte of one streamed answer, reading (and dropping) every chunk. It
 * must have been `total` bytes, or, for `'job'` (a job stream, whose images are URLs), a job
 * that ended done.
 */
export async function timeOne(url: string, total: number | 'job', onRead?: () => void) {
  const start = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const reader = response.body!.getReader();
  let first = 0;
  let bytes = 0;
  let last = new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) first = performance.now() - start;
    bytes += value.byteLength;
    last = value;
    onRead?.();
  }
  const end = performance.now() - start;
  if (total === 'job') {
    const tail = new TextDecoder().decode(last);
    if (!tail.endsWith(JOB_DONE)) throw new Error(`a job stream that did not end done: ${tail}`);
  } else if (bytes !== total) throw new Error(`read ${bytes} of ${total} bytes`);
  return { first, last: end };
}
