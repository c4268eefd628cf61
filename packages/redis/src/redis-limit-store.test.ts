import { ValidationError } from '@lunos-image/core';
import { describeLimitStore } from '@lunos-image/core/server/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisJobStore } from './redis-job-store';
import { redisLimitStore } from './redis-limit-store';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

describe('redisLimitStore options', () => {
  it('takes exactly one of url and client, and positive whole time limits', () => {
    // @ts-expect-error neither url nor client
    expect(() => redisLimitStore({})).toThrow(ValidationError);
    expect(() => redisLimitStore({ url: 'redis://127.0.0.1', commandTimeoutMs: 0 })).toThrow(
      /commandTimeoutMs.*must be a whole number above 0/,
    );
  });
});

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

  // The job store counts limits too (the handler's default limit store when jobs are on Redis).
  describeLimitStore('redisJobStore', () => {
    const store = redisJobStore({ url: server.url });
    const peer = redisJobStore({ url: server.url });
    return {
      store,
      peer,
      close: async () => void (await Promise.all([store.close(), peer.close()])),
    };
  });

  it('counts on the clock of Redis (TIME), not of the instance: a clock 10 days behind changes nothing', async () => {
    const behind = redisLimitStore({ url: server.url, prefix: 'skew:' });
    const right = redisLimitStore({ url: server.url, prefix: 'skew:' });
    try {
      const spend = { usd: 0.6, budgetUsd: 1, windowMs: 60_000, holdMs: 60_000 };
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() - 10 * 86_400_000);
      const reserved = await behind.reserve('user', spend);
      if (!reserved.ok) throw new Error('refused');
      await behind.settle('user', reserved.id, 0.6);
      expect((await behind.hit('user', { requests: 1, windowMs: 60_000 })).ok).toBe(true);
      vi.useRealTimers();
      // Had the instance's clock been used, both would lie ten days outside the window.
      expect(await right.spent('user', { windowMs: 60_000 })).toEqual({
        settledUsd: 0.6,
        heldUsd: 0,
      });
      expect((await right.reserve('user', spend)).ok).toBe(false);
      expect((await right.hit('user', { requests: 1, windowMs: 60_000 })).ok).toBe(false);
    } finally {
      vi.useRealTimers();
      await Promise.all([behind.close(), right.close()]);
    }
  });
});
