import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everythingStored } from './test-utils/everything-stored';
import { type JobStreamEvent, jobStreamEvents } from './test-utils/job-stream-events';
import { rawRedisClient } from './test-utils/raw-redis-client';
import { type RoundRobinProxy, startRoundRobinProxy } from './test-utils/round-robin-proxy';
import { type SlowImageUpstream, startSlowImageUpstream } from './test-utils/slow-image-upstream';
import { type HandlerInstance, startHandlerInstance } from './test-utils/start-handler-instance';
import {
  hasRedisServer,
  type RedisServer,
  startRedisServer,
} from './test-utils/start-redis-server';

// Two instances of an app (separate Node processes, each createLunosImageHandler with
// redisJobStore, as serverless functions or containers run it) behind a round-robin load
// balancer, sharing one redis-server: what a job must survive when it is not in one process.
// This test lives here because it needs @lunos-image/redis, which core cannot depend on.

const keyRandom = randomBytes(32).toString('hex');
const API_KEY = `sk-or-v1-${keyRandom}`;
/** Heartbeats of 200 ms: the runner's lease is 1 s (its minimum), so a dead instance shows fast. */
const HEARTBEAT_MS = 200;
/** A 1 MiB PNG-typed image: its data line is 1.4 MB, streamed in 32 KiB pieces. */
const image = (() => {
  const bytes = randomBytes(1024 * 1024);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  return new Uint8Array(bytes);
})();
const body = JSON.stringify({
  model: 'google/gemini-2.5-flash-image',
  messages: [{ role: 'user', content: 'a lighthouse' }],
  stream: true,
});

let redis: RedisServer | undefined;
let upstream: SlowImageUpstream | undefined;
let instances: HandlerInstance[] = [];
let proxy: RoundRobinProxy | undefined;

const available = hasRedisServer();

beforeAll(async () => {
  if (available) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  instances = [];
  await proxy?.close();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});

/** The upstream, instances A and B on the shared Redis, and the proxy in front of them. */
async function cluster(upstreamOptions: { caption?: string; errorEvent?: unknown } = {}) {
  upstream = await startSlowImageUpstream({
    image,
    caption: upstreamOptions.caption ?? 'Here is your lighthouse.',
    errorEvent: upstreamOptions.errorEvent,
  });
  const options = {
    redisUrl: (redis as RedisServer).url,
    upstreamUrl: (upstream as SlowImageUpstream).url,
    apiKey: API_KEY,
    heartbeatMs: HEARTBEAT_MS,
  };
  instances = await Promise.all([startHandlerInstance(options), startHandlerInstance(options)]);
  const [a, b] = instances as [HandlerInstance, HandlerInstance];
  proxy = await startRoundRobinProxy([a.url, b.url]);
  return { a, b, proxy, upstream };
}

/**
 * Reads events of `events` up to (and with) the first for which `until` holds, leaving the rest
 * to read (a `for await` left early would close the stream).
 */
async function readUntil(
  events: AsyncGenerator<JobStreamEvent>,
  until: (event: JobStreamEvent) => boolean,
): Promise<JobStreamEvent[]> {
  const read: JobStreamEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) return read;
    read.push(next.value);
    if (until(next.value)) return read;
  }
}

const isEnd = (event: JobStreamEvent) => event.event === 'lunos.end';

/** Starts a generation through the proxy and reads it up to its caption (event 1). */
async function startGeneration(url: string) {
  const connection = new AbortController();
  const response = await fetch(`${url}/api/lunos/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: connection.signal,
  });
  expect(response.status).toBe(200);
  const id = response.headers.get('x-lunos-job-id') as string;
  const events = jobStreamEvents(response);
  const first = await readUntil(events, (event) => event.id === '1');
  expect(first.map((e) => e.event)).toEqual(['lunos.job', 'message']);
  return { id, events, first, cut: () => connection.abort() };
}

// Each test starts two Node processes (about 2 s each through tsx on a busy machine): more time
// than the project's 20 s, still a bound, so a hang fails.
describe.skipIf(!available)(
  'jobs across instances (two handler processes, one Redis)',
  { timeout: 60_000 },
  () => {
    it('a generation started through A whose connection is cut resumes through B, images byte for byte', async () => {
      const { a, b, proxy, upstream } = await cluster();
      const started = await startGeneration(proxy.url);
      started.cut();
      upstream.release();
      const resumed = await fetch(`${proxy.url}/api/lunos/jobs/${started.id}`, {
        headers: { 'last-event-id': '1' },
      });
      expect(resumed.status).toBe(200);
      const rest = await readUntil(jobStreamEvents(resumed), isEnd);
      expect(proxy.served.map((s) => [s.method, s.target])).toEqual([
        ['POST', a.url],
        ['GET', b.url],
      ]);
      expect(rest[0]).toEqual({
        id: undefined,
        event: 'lunos.job',
        data: JSON.stringify({ id: started.id, wire: 'chat' }),
      });
      expect(rest.slice(1).map((e) => e.id)).toEqual(['2', '3', '4', '5']);
      expect(JSON.parse(rest.at(-1)?.data ?? '')).toEqual({ status: 'done' });
      const url = JSON.parse(rest[1]?.data ?? '').choices[0].delta.images[0].image_url.url;
      expect(url).toBe(`/api/lunos/jobs/${started.id}/images/0`);
      // Through both instances (the proxy's next two turns): each serves the bytes from Redis.
      for (const _ of [a, b]) {
        const served = await fetch(`${proxy.url}${url}`);
        expect(served.status).toBe(200);
        expect(served.headers.get('content-type')).toBe('image/png');
        const bytes = Buffer.from(await served.arrayBuffer());
        expect(bytes.equals(Buffer.from(image))).toBe(true);
        expect(served.headers.get('etag')).toBe(
          `"${createHash('sha256').update(image).digest('base64url')}"`,
        );
      }
      expect(proxy.served.slice(2).map((s) => s.target)).toEqual([a.url, b.url]);
      // The generation ran once, to its end: the cut did not reach the upstream.
      expect(upstream.requests).toHaveLength(1);
      await upstream.requests[0]?.closed;
      expect(upstream.requests[0]?.aborted).toBe(false);
      expect(upstream.requests[0]?.authorization).toBe(`Bearer ${API_KEY}`);
    });

    it('a stop sent through B stops the upstream that A started', async () => {
      const { a, b, proxy, upstream } = await cluster();
      const started = await startGeneration(proxy.url);
      const stop = await fetch(`${proxy.url}/api/lunos/jobs/${started.id}`, { method: 'DELETE' });
      expect(stop.status).toBe(204);
      expect(proxy.served.map((s) => [s.method, s.target])).toEqual([
        ['POST', a.url],
        ['DELETE', b.url],
      ]);
      await upstream.requests[0]?.closed;
      expect(upstream.requests[0]?.aborted).toBe(true);
      const rest = await readUntil(started.events, isEnd);
      expect(JSON.parse(rest.at(-1)?.data ?? '')).toEqual({ status: 'stopped' });
    });

    it('A killed mid-generation: the stream resumed through B ends with lunos.end lost, never a hang', async () => {
      const { a, b, proxy, upstream } = await cluster();
      const started = await startGeneration(proxy.url);
      started.cut();
      await a.kill();
      proxy.drop(a.url);
      await upstream.requests[0]?.closed;
      expect(upstream.requests[0]?.aborted).toBe(true);
      const resumed = await fetch(`${proxy.url}/api/lunos/jobs/${started.id}`, {
        headers: { 'last-event-id': '1' },
      });
      expect(proxy.served.at(-1)?.target).toBe(b.url);
      const rest = await readUntil(jobStreamEvents(resumed), isEnd);
      expect(rest.map((e) => e.event)).toEqual(['lunos.job', 'lunos.end']);
      expect(JSON.parse(rest[1]?.data ?? '')).toEqual({ status: 'lost' });
    });

    it("holds no piece of the key's random part in any Redis key or value after jobs ran", async () => {
      // The provider echoes the key in the caption and in an in-band error; the browser sends it
      // in a header too. Everything goes through both instances.
      const { proxy, upstream } = await cluster({
        caption: `your key was ${keyRandom.slice(0, 24)}…${keyRandom.slice(40)}`,
        errorEvent: { error: { code: 401, message: `Invalid key ${API_KEY}` } },
      });
      upstream.release();
      const started = await startGeneration(proxy.url);
      await readUntil(started.events, isEnd);
      const stoppedOne = await startGeneration(proxy.url);
      await fetch(`${proxy.url}/api/lunos/jobs/${stoppedOne.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${API_KEY}` },
      });
      await readUntil(stoppedOne.events, isEnd);

      const raw = await rawRedisClient((redis as RedisServer).url);
      const stored = await everythingStored(raw);
      raw.destroy();
      const text = stored.toString('latin1');
      // The scan sees what the jobs stored (their image, the scrub's marks), so finding no key
      // means something.
      expect(stored.includes(Buffer.from(image.subarray(0, 4096)))).toBe(true);
      expect(text).toContain('[redacted]');
      for (let i = 0; i + 8 <= keyRandom.length; i++) {
        expect(text.includes(keyRandom.slice(i, i + 8)), `key piece at ${i}`).toBe(false);
      }
      expect(text.toLowerCase()).not.toContain('bearer');
    });
  },
);
