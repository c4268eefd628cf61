import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLunosImageHandler,
  type LunosImageJobsOptions as JobsOptions,
  memoryJobStore,
} from '@lunos-image/core/server';
import { toNodeListener } from '@lunos-image/core/server/node';
import { redisJobStore, redisLimitStore } from '@lunos-image/redis';

/**
 * A process of its own serving a proxy in front of the upstream (argv[2]), as a production
 * handler runs apart from its clients: `handler` is createLunosImageHandler + toNodeListener;
 * `pipe` is the least a hand-written node:http proxy can do (request piped, answer piped, no
 * checks), the reference for what one more hop costs on this machine; `jobs` is the handler with
 * jobs on `memoryJobStore` (images delivered as URLs, the default), `jobs-inline` the same with
 * `imageDelivery: 'inline'` (base64 in the stream, as the relay sends it), `jobs-redis` jobs on
 * `redisJobStore` at the Redis URL argv[4]; `openrouter` is the handler with OpenRouter's
 * dialect, `limits-redis` the same with `limits.spend` and `limits.rate` on `redisLimitStore` at
 * argv[4] (budgets too large to refuse anything). Prints its URL as JSON.
 */
const upstream = new URL(process.argv[2]!);
const kind = process.argv[3];
const KEY = `sk-bench-${'0'.repeat(40)}`;

function jobsOf(): JobsOptions | undefined {
  switch (kind) {
    case 'jobs':
      return { store: memoryJobStore() };
    case 'jobs-inline':
      return { store: memoryJobStore(), imageDelivery: 'inline' };
    case 'jobs-redis':
      return { store: redisJobStore({ url: process.argv[4]! }) };
    default:
      return undefined;
  }
}

const DAY_MS = 86_400_000;
const limits = () => ({
  spend: { key: () => 'bench-user', usd: 1_000_000, windowMs: DAY_MS },
  rate: { key: () => 'bench-user', requests: 1_000_000, windowMs: DAY_MS },
  store: redisLimitStore({ url: process.argv[4]! }),
});

const handler = (jobs: JobsOptions | undefined) =>
  toNodeListener(
    createLunosImageHandler({
      apiKey: KEY,
      baseURL: `${upstream.origin}/v1`,
      ...(jobs && { jobs }),
      ...((kind === 'openrouter' || kind === 'limits-redis') && { dialect: 'openrouter' }),
      ...(kind === 'limits-redis' && { limits: limits() }),
    }),
  );

const server =
  kind !== 'pipe'
    ? createServer(handler(jobsOf()))
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
