import { createLunosImageHandler, type LunosImageHandler } from '@lunos-image/core/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisJobStore, redisJobStore } from './redis-job-store';
import { gatedUpstream, MODEL } from './test-utils/gated-upstream';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

const KEY = `sk-or-v1-${'4c5d6e7f'.repeat(8)}`;
const APP = 'http://app.test/api/lunos';

function handlerOn(store: RedisJobStore, fetch: typeof globalThis.fetch): LunosImageHandler {
  return createLunosImageHandler({
    apiKey: KEY,
    dialect: 'openrouter',
    baseURL: 'https://upstream.test/api/v1',
    fetch,
    heartbeatMs: 0,
    jobs: { store, owner: () => 'user-1' },
    dedupe: true,
  });
}

const generate = (handler: LunosImageHandler) =>
  handler(
    new Request(`${APP}/images`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, prompt: 'a lighthouse', stream: true }),
    }),
  );

/** The image routes a job stream names (`"url":"/api/lunos/jobs/<id>/images/<n>"`). */
const imageUrlsOf = (text: string) =>
  [...text.matchAll(/"url":"(\/[^"]*\/jobs\/[\w-]+\/images\/\d+)"/g)].map((m) => m[1] as string);

describe.skipIf(!hasRedisServer())('dedupe on Redis across handler instances', () => {
  let server: RedisServer;
  const opened: RedisJobStore[] = [];
  const open = () => {
    const store = redisJobStore({ url: server.url, prefix: 'dedupe:' });
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

  it('makes 20 identical concurrent requests over two instances one upstream generation, and gives all 20 the same image', async () => {
    const upstream = gatedUpstream();
    const instances = [handlerOn(open(), upstream.fetch), handlerOn(open(), upstream.fetch)];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => generate(instances[i % 2] as LunosImageHandler)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(upstream.costs).toHaveLength(1);
    const ids = new Set(responses.map((r) => r.headers.get('x-lunos-job-id')));
    expect(ids.size).toBe(1);

    upstream.release();
    const texts = await Promise.all(responses.map((r) => r.text()));
    for (const text of texts) {
      expect(text).toContain('"status":"done"');
      expect(text).toBe(texts[0]);
    }
    const urls = imageUrlsOf(texts[0] as string);
    expect(urls).toHaveLength(1);
    // The image, through either instance, is the one generation's bytes.
    for (const [i, handler] of instances.entries()) {
      const image = await handler(new Request(`http://app.test${urls[0]}`));
      expect(image.status, `instance ${i}`).toBe(200);
      expect(new Uint8Array(await image.arrayBuffer())).toEqual(upstream.images[0]);
    }
    expect(upstream.costs).toHaveLength(1);
  });
});
