import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLunosImageHandler, memoryJobStore } from '@lunos-image/core/server';
import { toNodeListener } from '@lunos-image/core/server/node';

/**
 * A process of its own serving a proxy in front of the upstream (argv[2]), as a production
 * handler runs apart from its clients: `handler` is createLunosImageHandler + toNodeListener;
 * `pipe` is the least a hand-written node:http proxy can do (request piped, answer piped, no
 * checks), the reference for what one more hop costs on this machine; `jobs` is the handler with
 * jobs on `memoryJobStore` (images delivered as URLs, the default). Prints its URL as JSON.
 */
const upstream = new URL(process.argv[2]!);
const kind = process.argv[3];
const KEY = `sk-bench-${'0'.repeat(40)}`;

const handler = (jobs: boolean) =>
  toNodeListener(
    createLunosImageHandler({
      apiKey: KEY,
      baseURL: `${upstream.origin}/v1`,
      ...(jobs ? { jobs: { store: memoryJobStore() } } : {}),
    }),
  );

const server =
  kind === 'handler' || kind === 'jobs'
    ? createServer(handler(kind === 'jobs'))
    : createServer((req, res) => {
        const out = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: '/v1/chat/completions',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        req.pipe(out);
      });
server.listen(0, '127.0.0.1', () => {
  const port = (server.address() as AddressInfo).port;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
