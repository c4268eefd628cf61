import { connect, createServer, type Server, type Socket } from 'node:net';
import { createLunosImageHandler, type LunosImageHandler } from '@lunos-image/core/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisLimitStore, redisLimitStore } from './redis-limit-store';
import { gatedUpstream, MODEL } from './test-utils/gated-upstream';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

const KEY = `sk-or-v1-${'3b4c5d6e'.repeat(8)}`;
const DAY_MS = 86_400_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function handlerOn(
  store: RedisLimitStore,
  fetch: typeof globalThis.fetch,
  warnings: string[] = [],
) {
  return createLunosImageHandler({
    apiKey: KEY,
    dialect: 'openrouter',
    baseURL: 'https://upstream.test/api/v1',
    fetch,
    heartbeatMs: 0,
    onWarning: (message) => warnings.push(message),
    limits: { spend: { key: () => 'user-1', usd: 1, windowMs: DAY_MS }, store },
  });
}

const generate = (handler: LunosImageHandler) =>
  handler(
    new Request('http://app.test/api/lunos/images', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, prompt: 'a lighthouse', stream: true }),
    }),
  );

/** The spend of `user-1` once nothing is held any more. */
async function settledSpend(store: RedisLimitStore): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const used = await store.spent('user-1', { windowMs: DAY_MS });
    if (used.heldUsd === 0) return used.settledUsd;
    await pause(10);
  }
  throw new Error('reservations never settled');
}

/** A TCP proxy to Redis whose connections the test can cut, as a network loss would. */
async function cuttableProxy(port: number) {
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!hasRedisServer())('limits.spend on Redis across handler instances', () => {
  let server: RedisServer;
  const opened: { close(): Promise<void> }[] = [];
  const open = (...args: Parameters<typeof redisLimitStore>) => {
    const store = redisLimitStore(...args);
    opened.push(store);
    return store;
  };
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  afterAll(() => server?.stop());

  it('lets exactly 10 of 50 concurrent requests over two instances reach the upstream; the spend is the sum of their costs', async () => {
    const upstream = gatedUpstream();
    const instances = [
      handlerOn(open({ url: server.url, prefix: 'atomic:' }), upstream.fetch),
      handlerOn(open({ url: server.url, prefix: 'atomic:' }), upstream.fetch),
    ];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => generate(instances[i % 2] as LunosImageHandler)),
    );
    const passed = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 429);
    expect(passed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    expect(upstream.costs).toHaveLength(10);
    for (const response of refused) {
      const { error } = (await response.json()) as { error: { metadata: Record<string, unknown> } };
      expect(error.metadata.error_type).toBe('budget_exceeded');
      expect(error.metadata.remaining_usd).toBeLessThan(0.1);
      expect(response.headers.get('retry-after')).not.toBeNull();
    }
    const remaining = passed.map((r) => Number(r.headers.get('x-lunos-budget-remaining')));
    expect(remaining.sort()).toEqual(
      [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((n) => expect.closeTo(n, 9)),
    );

    upstream.release();
    await Promise.all(passed.map((r) => r.text()));
    const reader = open({ url: server.url, prefix: 'atomic:' });
    const sum = upstream.costs.reduce((a, b) => a + b, 0);
    expect(await settledSpend(reader)).toBeCloseTo(sum, 9);
    expect(sum).toBeLessThan(1);
  });

  it('when Redis is lost between reserve and settle: warns, and the reservation expires instead of counting twice', async () => {
    const proxy = await cuttableProxy(server.port);
    try {
      // Through the handler: the reservation is made, Redis goes away, the answer ends.
      const upstream = gatedUpstream();
      const warnings: string[] = [];
      const store = open({ url: proxy.url, prefix: 'lost:', commandTimeoutMs: 1_000 });
      const response = await generate(handlerOn(store, upstream.fetch, warnings));
      expect(response.status).toBe(200);
      proxy.cut();
      upstream.release();
      await response.text();
      await expect.poll(() => warnings, { timeout: 5_000 }).toHaveLength(1);
      expect(warnings[0]).toMatch(/could not be settled/);
      expect(warnings[0]).not.toContain(KEY.slice(-12));
      proxy.restore();
      const direct = open({ url: server.url, prefix: 'lost:' });
      // Held, not settled: the settle never reached Redis, nothing counted as spent.
      expect(await direct.spent('user-1', { windowMs: DAY_MS })).toEqual({
        settledUsd: 0,
        heldUsd: 0.1,
      });

      // On the store, with a short hold: it expires, and a settle that comes late is a no-op.
      const key = 'user-2';
      await expect
        .poll(
          () =>
            store.spent(key, { windowMs: DAY_MS }).then(
              () => true,
              () => false,
            ),
          { timeout: 5_000 },
        )
        .toBe(true);
      const reserved = await store.reserve(key, {
        usd: 0.6,
        budgetUsd: 1,
        windowMs: DAY_MS,
        holdMs: 800,
      });
      if (!reserved.ok) throw new Error('refused');
      proxy.cut();
      await expect(store.settle(key, reserved.id, 0.6)).rejects.toThrow();
      proxy.restore();
      await expect
        .poll(() => store.spent(key, { windowMs: DAY_MS }).catch(() => undefined), {
          timeout: 5_000,
        })
        .toEqual({ settledUsd: 0, heldUsd: 0.6 });
      await pause(900);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0, heldUsd: 0 });
      await store.settle(key, reserved.id, 0.6);
      expect(await direct.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0, heldUsd: 0 });
      expect(
        (await direct.reserve(key, { usd: 1, budgetUsd: 1, windowMs: DAY_MS, holdMs: 800 })).ok,
      ).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
