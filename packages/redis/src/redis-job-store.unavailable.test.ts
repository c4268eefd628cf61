import { createServer, type Server, type Socket } from 'node:net';
import { LunosImageError, ValidationError } from '@lunos-image/core';
import {
  type JobMeta,
  JobStoreFullError,
  JobStoreUnavailableError,
} from '@lunos-image/core/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type RedisJobStore, redisJobStore } from './redis-job-store';
import { rawRedisClient } from './test-utils/raw-redis-client';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let next = 0;
const metaOf = (): JobMeta => ({
  id: `job-${++next}-${Date.now()}`,
  wire: 'chat',
  owner: undefined,
  createdAt: Date.now(),
});
const options = { ttlMs: 60_000, leaseMs: 10_000 };

async function timedError(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  const error = await promise.then(
    () => new Error('resolved, expected a rejection'),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - start };
}

/** Every method of the store, each with arguments that would be fine on a working Redis. */
function everyCall(store: RedisJobStore, id: string): [string, Promise<unknown>][] {
  const image = { bytes: new Uint8Array(4), contentType: 'image/png', sha256: 'x' };
  return [
    ['create', store.create({ ...metaOf(), id }, options)],
    ['get', store.get(id)],
    ['append', store.append(id, { data: 'x' })],
    ['putImage', store.putImage(id, 0, image)],
    ['getImage', store.getImage(id, 0)],
    ['finish', store.finish(id, 'done')],
    ['read', store.read(id, 0, { waitMs: 10_000 })],
    ['renew', store.renew(id, 1_000)],
    ['requestStop', store.requestStop(id)],
    ['stopRequested', store.stopRequested(id, new AbortController().signal)],
    ['claim', store.claim(`hash-${id}`, id, 1_000)],
    ['release', store.release(`hash-${id}`, id)],
  ];
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

const stores: RedisJobStore[] = [];
const servers: (RedisServer | Server)[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(
    servers
      .splice(0)
      .map((server) =>
        'stop' in server ? server.stop() : new Promise((resolve) => server.close(resolve)),
      ),
  );
});
function open(...args: Parameters<typeof redisJobStore>): RedisJobStore {
  const store = redisJobStore(...args);
  stores.push(store);
  return store;
}

describe('redisJobStore options', () => {
  it('takes exactly one of url and client, and positive whole time limits', () => {
    // @ts-expect-error neither url nor client
    expect(() => redisJobStore({})).toThrow(ValidationError);
    expect(() => redisJobStore({ url: 'redis://127.0.0.1', connectTimeoutMs: 0 })).toThrow(
      /connectTimeoutMs.*must be a whole number above 0/,
    );
    expect(() => redisJobStore({ url: 'redis://127.0.0.1', maxBlockingConnections: 1.5 })).toThrow(
      /maxBlockingConnections/,
    );
  });
});

describe('redisJobStore when Redis cannot be reached', () => {
  it('rejects every call with JobStoreUnavailableError at once when nothing listens', async () => {
    const store = open({ url: `redis://127.0.0.1:${await closedPort()}` });
    const first = await timedError(store.create(metaOf(), options));
    expect(first.error).toBeInstanceOf(JobStoreUnavailableError);
    expect(first.ms).toBeLessThan(1_500);
    for (const [name, call] of everyCall(store, metaOf().id)) {
      const { error, ms } = await timedError(call);
      expect(error, name).toBeInstanceOf(JobStoreUnavailableError);
      expect(ms, name).toBeLessThan(500);
    }
  });

  it('gives up on a server that accepts the connection but never answers, within connectTimeoutMs', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    servers.push(silent);
    const port = (silent.address() as { port: number }).port;
    const store = open({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 300 });
    const { error, ms } = await timedError(store.create(metaOf(), options));
    expect(error).toBeInstanceOf(JobStoreUnavailableError);
    expect((error as Error).message).toMatch(/connectTimeoutMs/);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
    for (const socket of sockets) socket.destroy();
  });

  it('never puts the password of the URL into an error', async () => {
    const password = `pw-${crypto.randomUUID()}`;
    const store = open({ url: `redis://user:${password}@127.0.0.1:${await closedPort()}` });
    const { error } = await timedError(store.get('x'));
    expect(error).toBeInstanceOf(JobStoreUnavailableError);
    const everything = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)} ${(error as Error).stack}`;
    expect(everything).not.toContain(password);
  });
});

describe.skipIf(!hasRedisServer())('redisJobStore when Redis goes away', () => {
  it('rejects a blocked read with JobStoreUnavailableError when Redis is killed, and works again once it is back', async () => {
    const server = await startRedisServer();
    servers.push(server);
    const store = open({ url: server.url });
    const meta = metaOf();
    await store.create(meta, options);
    const read = timedError(store.read(meta.id, 0, { waitMs: 15_000 }));
    await pause(300);
    await server.kill();
    const { error, ms } = await read;
    expect(error).toBeInstanceOf(JobStoreUnavailableError);
    expect(ms).toBeLessThan(3_000);
    // Down: calls fail fast instead of waiting for a reconnect.
    const down = await timedError(store.get(meta.id));
    expect(down.error).toBeInstanceOf(JobStoreUnavailableError);
    expect(down.ms).toBeLessThan(500);

    const again = await startRedisServer({ port: server.port });
    servers.push(again);
    let created = false;
    for (let i = 0; i < 40 && !created; i++) {
      await pause(250);
      created = await store.create(metaOf(), options).then(
        () => true,
        () => false,
      );
    }
    expect(created).toBe(true);
  });

  it('turns Redis out of memory (maxmemory, noeviction) into JobStoreFullError', async () => {
    const server = await startRedisServer({ args: ['--maxmemory-policy', 'noeviction'] });
    servers.push(server);
    const store = open({ url: server.url });
    const meta = metaOf();
    await store.create(meta, options);
    const image = { bytes: new Uint8Array(512 * 1024), contentType: 'image/png', sha256: 'x' };
    await store.putImage(meta.id, 0, image);
    await store.putImage(meta.id, 1, image);
    // Redis now holds more than it may: every write is refused, reads still answer.
    const admin = await rawRedisClient(server.url);
    await admin.configSet('maxmemory', '1mb');
    admin.destroy();
    // Each write's rejection is caught as it is made: awaited one by one, a later write that
    // failed first would be an unhandled rejection meanwhile.
    const writes = await Promise.all(
      [
        store.create(metaOf(), options),
        store.append(meta.id, { data: 'x' }),
        store.putImage(meta.id, 2, image),
      ].map(timedError),
    );
    for (const { error } of writes) {
      expect(error).toBeInstanceOf(JobStoreFullError);
      expect((error as JobStoreFullError).retryAfterMs).toBeGreaterThan(0);
    }
    expect((await store.getImage(meta.id, 0))?.bytes.byteLength).toBe(512 * 1024);
  });

  it('rejects calls after close() without hanging', async () => {
    const server = await startRedisServer();
    servers.push(server);
    const store = redisJobStore({ url: server.url });
    const meta = metaOf();
    await store.create(meta, options);
    const read = timedError(store.read(meta.id, 0, { waitMs: 15_000 }));
    await pause(200);
    await store.close();
    const { error, ms } = await read;
    expect(LunosImageError.isInstance(error)).toBe(true);
    expect(ms).toBeLessThan(1_500);
    await expect(store.get(meta.id)).rejects.toBeInstanceOf(JobStoreUnavailableError);
  });
});
