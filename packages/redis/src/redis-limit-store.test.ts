import { describeLimitStore } from '@lunos-image/core/server/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { redisLimitStore } from './redis-limit-store';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

describe.skipIf(!hasRedisServer())('redisLimitStore on a real redis-server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  // Two instances as two servers of an app have them: one from a URL, one from a client.
  describeLimitStore('redisLimitStore', () => {
    const store = redisLimitStore({ url: server.url });
    const peer = redisLimitStore({ client: createClient({ url: server.url }) });
    return {
      store,
      peer,
      close: async () => void (await Promise.all([store.close(), peer.close()])),
    };
  });
});
