import type { JobMeta } from '@lunos-image/core/server';
import { createClient, RESP_TYPES } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisJobStore, redisJobStore } from './redis-job-store';
import { type RawRedisClient, rawRedisClient } from './test-utils/raw-redis-client';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasRedisServer())('redisJobStore: what it keeps in Redis, and how', () => {
  let server: RedisServer;
  let inspect: RawRedisClient;
  const stores: RedisJobStore[] = [];
  const open = (prefix = 'test:') => {
    const store = redisJobStore({ url: server.url, prefix });
    stores.push(store);
    return store;
  };
  let next = 0;
  const metaOf = (): JobMeta => ({
    id: `job-${++next}-${Date.now()}`,
    wire: 'images',
    owner: 'f'.repeat(64),
    createdAt: Date.now(),
  });
  const options = { ttlMs: 60_000, leaseMs: 10_000 };

  /** CLIENT LIST as records, our store's connections only. */
  async function storeConnections(): Promise<Record<string, string>[]> {
    const list = await inspect.sendCommand<string>(['CLIENT', 'LIST']);
    return list
      .trim()
      .split('\n')
      .map((line) =>
        Object.fromEntries(line.split(' ').map((f) => f.split('=', 2) as [string, string])),
      )
      .filter((client) => client.name?.startsWith('lunos-image-job-store:'));
  }

  /** How often a command ran on the server so far. */
  async function calls(command: string): Promise<number> {
    const info = await inspect.sendCommand<string>(['INFO', 'commandstats']);
    return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  }

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = await rawRedisClient(server.url);
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    inspect?.destroy();
    await server?.stop();
  });

  it('keeps a job as a hash, a stream and a hash per image under its hash tag, expiring in the same millisecond', async () => {
    const store = open('keys:');
    const meta = metaOf();
    await store.create(meta, options);
    await store.append(meta.id, { data: '{"type":"image_generation.partial_image"}' });
    await pause(50);
    // Written later than the job: still expiring with it.
    await store.append(meta.id, { event: 'lunos.end', data: '{"status":"failed"}' });
    await store.putImage(meta.id, 0, {
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
      contentType: 'image/png',
      sha256: 'sha-of-the-png',
    });
    const failure = { status: 502, headers: { 'content-type': 'application/json' }, body: '{}' };
    await store.finish(meta.id, 'failed', failure);

    const base = `keys:{${meta.id}}`;
    const keys = (await inspect.keys('keys:*')).sort();
    expect(keys).toEqual([`${base}:events`, `${base}:image:0`, `${base}:job`]);
    const expireAt = await Promise.all(keys.map((key) => inspect.pExpireTime(key)));
    expect(new Set(expireAt).size).toBe(1);
    expect(expireAt[0]).toBeGreaterThanOrEqual(meta.createdAt + options.ttlMs - 1_000);
    expect(expireAt[0]).toBeLessThanOrEqual(Date.now() + options.ttlMs);

    expect(await inspect.hGetAll(`${base}:job`)).toEqual({
      wire: 'images',
      owner: meta.owner,
      createdAt: String(meta.createdAt),
      leaseUntil: expect.stringMatching(/^\d+$/),
      lastEventId: '2',
      expiresAt: String(expireAt[0]),
      status: 'failed',
      failure: JSON.stringify(failure),
    });
    const entries = await inspect.sendCommand<[string, string[]][]>([
      'XRANGE',
      `${base}:events`,
      '-',
      '+',
    ]);
    expect(entries).toEqual([
      ['0-1', ['data', '{"type":"image_generation.partial_image"}']],
      ['0-2', ['data', '{"status":"failed"}', 'event', 'lunos.end']],
      // The end marker: wakes blocked readers, refuses later appends.
      ['1-0', ['end', 'failed']],
    ]);
    expect(await inspect.hGetAll(`${base}:image:0`)).toMatchObject({
      contentType: 'image/png',
      sha256: 'sha-of-the-png',
    });
  });

  it("works from a client whatever that client's own settings: RESP3, a type mapping, a key prefix, a cache", async () => {
    const client = createClient({
      url: server.url,
      RESP: 3,
      keyPrefix: 'their-prefix:',
      clientSideCache: { ttl: 0, maxEntries: 0 },
      commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } },
    });
    const store = redisJobStore({ client, prefix: 'from-client:' });
    stores.push(store);
    const meta = metaOf();
    await store.create(meta, options);
    await store.append(meta.id, { event: 'image', data: 'one' });
    expect(await store.read(meta.id, 0, { waitMs: 0 })).toEqual([
      { id: 1, event: 'image', data: 'one' },
    ]);
    expect((await store.get(meta.id))?.meta).toEqual(meta);
    expect(await store.claim('a-hash', meta.id, 60_000)).toBeUndefined();
    expect(await store.claim('a-hash', 'another-job', 60_000)).toBe(meta.id);
    expect(await inspect.keys('from-client:*')).toHaveLength(4);
    expect(await inspect.keys('their-prefix:*')).toEqual([]);
    expect(client.isOpen).toBe(false);
  });

  it('keeps a claim as a key holding only the job id, under the hash as its own hash tag, never outliving the job', async () => {
    const store = open('claims:');
    const [early, late] = [metaOf(), metaOf()];
    const hash = 'a'.repeat(43);
    // Claimed for longer than the job lives, before the job exists (as the handler does).
    expect(await store.claim(hash, early.id, 600_000)).toBeUndefined();
    expect(await inspect.get(`claims:claim:{${hash}}`)).toBe(early.id);
    await store.create(early, options);
    // Claimed after its job exists.
    await store.create(late, options);
    expect(await store.claim(`${hash}-late`, late.id, 600_000)).toBeUndefined();
    for (const [meta, claim] of [
      [early, `claims:claim:{${hash}}`],
      [late, `claims:claim:{${hash}-late}`],
    ] as const) {
      const jobExpires = await inspect.pExpireTime(`claims:{${meta.id}}:job`);
      expect(await inspect.pExpireTime(claim)).toBeLessThanOrEqual(jobExpires);
      expect(await inspect.pExpireTime(`claims:{${meta.id}}:claimed`)).toBe(jobExpires);
    }
    // A claim shorter than the job keeps its own time.
    expect(await store.claim(`${hash}-short`, late.id, 5_000)).toBeUndefined();
    expect(await inspect.pTTL(`claims:claim:{${hash}-short}`)).toBeLessThanOrEqual(5_000);
    await store.release(hash, early.id);
    expect(await inspect.exists(`claims:claim:{${hash}}`)).toBe(0);
  });

  it('keeps two prefixes apart on one Redis', async () => {
    const a = open('app-a:');
    const b = open('app-b:');
    const meta = metaOf();
    await a.create(meta, options);
    expect(await b.get(meta.id)).toBeUndefined();
    await expect(b.create(meta, options)).resolves.toBeUndefined();
  });

  it('follows with XREAD BLOCK on a connection of its own, sending nothing while it waits', async () => {
    const store = open();
    const meta = metaOf();
    await store.create(meta, options);
    const read = store.read(meta.id, 0, { waitMs: 10_000 });
    let blocked: Record<string, string> | undefined;
    for (let i = 0; i < 100 && !blocked; i++) {
      await pause(20);
      blocked = (await storeConnections()).find((c) => c.cmd === 'xread' && c.flags?.includes('b'));
    }
    expect(blocked?.name).toBe('lunos-image-job-store:blocking');
    const [evalsha, xread] = [await calls('evalsha'), await calls('xread')];
    await pause(500);
    // No polling: not one script or read ran during the wait.
    expect(await calls('evalsha')).toBe(evalsha);
    expect(await calls('xread')).toBe(xread);
    await store.append(meta.id, { data: 'wake' });
    expect(await read).toEqual([{ id: 1, data: 'wake' }]);
  });

  it('reuses its blocking connection from one read to the next, and closes the one of an abandoned read', async () => {
    const store = open();
    const meta = metaOf();
    await store.create(meta, options);
    for (let i = 0; i < 4; i++) await store.read(meta.id, 0, { waitMs: 30 });
    const blocking = (await storeConnections()).filter(
      (c) => c.name === 'lunos-image-job-store:blocking',
    );
    expect(blocking).toHaveLength(1);
    const controller = new AbortController();
    const read = store.read(meta.id, 0, { waitMs: 10_000, signal: controller.signal });
    await pause(100);
    controller.abort();
    expect(await read).toEqual([]);
    // Redis would keep that connection blocked until its 10 s ran out: it is closed instead.
    let left = [{}];
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await pause(20);
      left = (await storeConnections()).filter((c) => c.cmd === 'xread' && c.flags?.includes('b'));
    }
    expect(left).toEqual([]);
  });

  it('does not miss a stop published while its subscription was reconnecting', async () => {
    const store = open();
    const meta = metaOf();
    await store.create(meta, options);
    const controller = new AbortController();
    let stopped = false;
    const waiting = store.stopRequested(meta.id, controller.signal).then(() => {
      stopped = true;
    });
    const channel = `test:{${meta.id}}:stop`;
    const job = `test:{${meta.id}}:job`;
    const listeners = async () =>
      (await inspect.sendCommand<[string, number]>(['PUBSUB', 'NUMSUB', channel]))[1];
    for (let i = 0; i < 100 && (await listeners()) === 0; i++) await pause(20);
    // What requestStop does, in one transaction with cutting the subscriber's connection: the
    // message reaches no one, whatever the timing.
    const [, , received] = await inspect
      .multi()
      .addCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub'])
      .addCommand(['HSET', job, 'stop', '1'])
      .addCommand(['PUBLISH', channel, '1'])
      .exec();
    expect(received).toBe(0);
    for (let i = 0; i < 100 && !stopped; i++) await pause(50);
    expect(stopped).toBe(true);
    await waiting;
    expect(controller.signal.aborted).toBe(false);
  });

  it('waits for a stop on a pub/sub subscription, without polling the flag', async () => {
    const store = open();
    const peer = open();
    const meta = metaOf();
    await store.create(meta, options);
    const controller = new AbortController();
    const stopped = store.stopRequested(meta.id, controller.signal);
    let subscriber: Record<string, string> | undefined;
    for (let i = 0; i < 100 && !subscriber; i++) {
      await pause(20);
      subscriber = (await storeConnections()).find((c) => c.sub === '1');
    }
    expect(subscriber?.name).toBe('lunos-image-job-store:subscriber');
    const hget = await calls('hget');
    await pause(500);
    expect(await calls('hget')).toBe(hget);
    await peer.requestStop(meta.id);
    await expect(stopped).resolves.toBeUndefined();
    expect(controller.signal.aborted).toBe(false);
    expect(await inspect.hGet(`test:{${meta.id}}:job`, 'stop')).toBe('1');
  });
});
