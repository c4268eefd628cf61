import { describeJobStore } from '@lunos-image/core/server/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { redisJobStore } from './redis-job-store';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

describe.skipIf(!hasRedisServer())('redisJobStore on a real redis-server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  // Two instances as two servers of an app would have them: one from a URL, one from a
  // client of `redis` (node-redis with its modules; never connected: the store copies its options).
  describeJobStore('redisJobStore', () => {
    const store = redisJobStore({ url: server.url });
    const peer = redisJobStore({ client: createClient({ url: server.url }) });
    return {
      store,
      peer,
      close: async () => void (await Promise.all([store.close(), peer.close()])),
    };
  });
});
