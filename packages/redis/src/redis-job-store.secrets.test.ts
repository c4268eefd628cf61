import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redisJobStore } from './redis-job-store';
import { everythingStored } from './test-utils/everything-stored';
import { rawRedisClient } from './test-utils/raw-redis-client';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let server: RedisServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.stop();
  server = undefined;
});

describe.skipIf(!hasRedisServer())('redisJobStore keeps only what it is given', () => {
  it('holds no API key, cookie, Authorization header or Redis password: not in any key, not in the saved database', async () => {
    const password = `redis-pw-${randomBytes(16).toString('hex')}`;
    // Uncompressed, so a secret in the saved file would show as plain bytes.
    server = await startRedisServer({ password, args: ['--rdbcompression', 'no'] });
    const apiKey = `sk-or-v1-${randomBytes(32).toString('hex')}`;
    const keyRandom = apiKey.slice('sk-or-v1-'.length);
    const session = randomBytes(24).toString('hex');
    // Everywhere a request to the route handler carries them: the environment, the headers,
    // even the query string. None of it is ever given to the store.
    vi.stubEnv('OPENROUTER_API_KEY', apiKey);
    vi.stubEnv('LUNOS_API_KEY', apiKey);
    const request = new Request(`https://app.example/api/lunos/chat/completions?key=${apiKey}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, cookie: `session=${session}` },
    });
    expect(request.headers.get('authorization')).toContain(keyRandom);

    // What the handler gives a store for that request (design-jobs.md): the job id, the SHA-256
    // of what owner(request) returned, scrubbed event data, image bytes, the relayed headers of
    // an upstream failure.
    const store = redisJobStore({ url: server.url });
    const peer = redisJobStore({ url: server.url });
    const marker = `marker-${randomBytes(8).toString('hex')}`;
    const owner = sha256('user-42');
    const id = randomBytes(16).toString('base64url');
    // dedupe/cache: the request's hash claimed for the job, before the job exists.
    expect(await peer.claim(sha256(`generation-${marker}`), id, 60_000)).toBeUndefined();
    await store.create(
      { id, wire: 'chat', owner, createdAt: Date.now() },
      { ttlMs: 60_000, leaseMs: 10_000 },
    );
    const stopWait = new AbortController();
    const stopped = peer.stopRequested(id, stopWait.signal);
    await store.append(id, { data: JSON.stringify({ choices: [{ delta: { content: marker } }] }) });
    const image = `/api/lunos/jobs/${id}/images/0`;
    await store.append(id, {
      data: JSON.stringify({
        choices: [{ delta: { images: [{ type: 'image_url', image_url: { url: image } }] } }],
      }),
    });
    await store.putImage(id, 0, {
      bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(marker)]),
      contentType: 'image/png',
      sha256: createHash('sha256').update(marker).digest('base64url'),
    });
    await peer.read(id, 2, { waitMs: 50 });
    await store.renew(id, 10_000);
    await peer.requestStop(id);
    await stopped;
    await store.append(id, {
      event: 'lunos.end',
      data: '{"status":"failed","error":{"code":429,"message":"Rate limit exceeded"}}',
    });
    await store.finish(id, 'failed', {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '3' },
      body: '{"error":{"code":429,"message":"Rate limit exceeded"}}',
    });
    await Promise.all([store.close(), peer.close()]);

    const raw = await rawRedisClient(server.url);
    const values = await everythingStored(raw);
    await raw.sendCommand(['SAVE']);
    raw.destroy();
    const saved = await readFile(join(server.dir, 'dump.rdb'));

    for (const [where, bytes] of [
      ['the keys and values', values],
      ['dump.rdb', saved],
    ] as const) {
      // The scan does see what the store was given, so finding nothing else means something.
      expect(bytes.includes(marker), `${where}: the event data`).toBe(true);
      expect(bytes.includes(owner), `${where}: the owner's hash`).toBe(true);
      expect(bytes.includes(image), `${where}: the image URL`).toBe(true);
      const text = bytes.toString('latin1').toLowerCase();
      for (const secret of [
        keyRandom,
        keyRandom.slice(0, 12),
        keyRandom.slice(-12),
        'sk-or-v1-',
        session,
        password,
        'bearer',
        'authorization',
        'cookie',
      ]) {
        expect(text.includes(secret.toLowerCase()), `${where} holds ${secret}`).toBe(false);
      }
    }
  });
});
