/**
 * One instance of an app's route handler, as a process of its own: `createLunosImageHandler` with
 * jobs on `redisJobStore`, mounted with `toNodeListener` on 127.0.0.1 at a free port. Arguments:
 * the Redis URL, the upstream's base URL, heartbeatMs; the key comes in LUNOS_TEST_API_KEY.
 * Prints `{"url":…}` once listening, then serves until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLunosImageHandler } from '@lunos-image/core/server';
import { toNodeListener } from '@lunos-image/core/server/node';
import { redisJobStore } from '../redis-job-store';

const [redisUrl, upstreamUrl, heartbeatMs] = process.argv.slice(2) as [string, string, string];
const handler = createLunosImageHandler({
  apiKey: process.env.LUNOS_TEST_API_KEY,
  baseURL: upstreamUrl,
  heartbeatMs: Number(heartbeatMs),
  jobs: { store: redisJobStore({ url: redisUrl }) },
});
const server = createServer(toNodeListener(handler));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
