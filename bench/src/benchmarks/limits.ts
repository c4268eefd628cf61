import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLunosImageHandler,
  type JobStore,
  type LunosImageHandler,
  memoryJobStore,
} from '@lunos-image/core/server';
import { redisJobStore } from '@lunos-image/redis';
import { startRedisServer } from '../../../packages/redis/src/test-utils/start-redis-server';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { spread } from '../harness/spread';
import { GENERATION_BODY, startHandlers, timeOne } from '../inputs/handler-pair';
import { buildImageStream } from '../inputs/openrouter-streams';

const MiB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Whether this machine has Debian's redis-server: without it these rows cannot run. */
function needRedis(id: string): void {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(`${id} needs redis-server on the PATH (issue 28 measures it on Redis)`);
  }
}

/**
 * Issue 28: what `limits.spend` and `limits.rate` on `redisLimitStore` add to the first byte.
 * The 1 MiB image stream's upstream (which also lists the model with its price), the handler
 * (OpenRouter's dialect) and the same handler with both limits on a redis-server of the bench's
 * own, each a process of its own on 127.0.0.1, rotating which goes first.
 */
export const limitsRedisBenchmark: Benchmark = {
  id: 'limits-redis',
  async run(context) {
    needRedis('limits-redis');
    const rounds = Math.max(11, Math.round(41 * context.effort));
    const redis = await startRedisServer();
    const handlers = await startHandlers(MiB, ['openrouter', 'limits-redis'], redis.url);
    const urls = {
      plain: `${handlers.bases.openrouter}/chat/completions`,
      limited: `${handlers.bases['limits-redis']}/chat/completions`,
    };
    const first = { plain: [] as number[], limited: [] as number[] };
    try {
      // The limits are on: a generation through them is reserved (and says what is left).
      const check = await fetch(urls.limited, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: GENERATION_BODY,
      });
      await check.arrayBuffer();
      if (!check.ok || check.headers.get('x-lunos-budget-remaining') === null) {
        throw new Error(`the handler with limits answered ${check.status} without a budget`);
      }
      // Warm-up: connections, the scripts loaded in Redis, the price list fetched and kept.
      for (let i = 0; i < 3; i++) {
        await timeOne(urls.plain, handlers.total);
        await timeOne(urls.limited, handlers.total);
      }
      for (let i = 0; i < rounds; i++) {
        if (i % 10 === 0) context.log(`limits-redis: round ${i + 1}/${rounds}`);
        const order =
          i % 2 === 0 ? (['plain', 'limited'] as const) : (['limited', 'plain'] as const);
        for (const path of order) {
          (globalThis as { gc?: () => void }).gc?.();
          first[path].push((await timeOne(urls[path], handlers.total)).first);
        }
      }
    } finally {
      handlers.close();
      await redis.stop();
    }
    const plain = median(first.plain);
    const limited = median(first.limited);
    return {
      title: 'Limits on Redis: what they add to the first byte (@lunos-image/core/server)',
      unit: 'ms',
      method: `1 MiB image SSE stream from a node:http upstream, through createLunosImageHandler + toNodeListener without limits and with limits.spend and limits.rate on redisLimitStore (a redis-server of the bench's own), each a process of its own on 127.0.0.1, alternating, median of ${rounds}; bar: adds at most 2 ms p50`,
      cases: [
        {
          name: 'time to first byte, limits.spend + limits.rate on redisLimitStore',
          ours: limited,
          peers: [{ name: 'the handler without limits', value: plain }],
          limit: { value: plain + 2, label: `≤ plain + 2 ms = ${(plain + 2).toFixed(2)} ms` },
          note: `adds ${(limited - plain).toFixed(2)} ms p50 (key, rate hit, price from the kept list, reserve: two scripts on Redis); spread: limits ${spread(first.limited)}, plain ${spread(first.plain)}`,
        },
      ],
    };
  },
};

/** An upstream in this process that counts generations and answers each after `holdMs`. */
async function countingUpstream(holdMs: number) {
  const wire = buildImageStream(64 * 1024).wire;
  let generations = 0;
  const server = createServer(async (req, res) => {
    for await (const _ of req) {
      // drain the request body
    }
    generations += 1;
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end(wire);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    generations: () => generations,
    close: () => server.close(),
  };
}

/** 20 identical requests at once, spread over `instances`: their answers, read to the end. */
const sendTwenty = (instances: LunosImageHandler[]) =>
  Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      instances[i % instances.length]!(
        new Request('http://app.test/api/lunos/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: GENERATION_BODY,
        }),
      ).then((response) => response.text()),
    ),
  );

/**
 * 20 identical requests at once over `instances` (each a route handler with its own store);
 * every answer must be the same job stream, ended done. The upstream generations made.
 */
async function identicalRequests(
  instances: LunosImageHandler[],
  upstream: { generations(): number },
): Promise<number> {
  const before = upstream.generations();
  const answers = await sendTwenty(instances);
  if (!answers[0]!.includes('"status":"done"')) throw new Error('the job did not end done');
  if (answers.some((answer) => answer !== answers[0])) {
    throw new Error('identical requests got different answers');
  }
  return upstream.generations() - before;
}

/**
 * Issue 28: 20 identical concurrent requests with `dedupe: true` make one upstream generation,
 * on `memoryJobStore` (one instance) and on `redisJobStore` (two instances on one redis-server).
 * The upstream holds each answer 300 ms, as a generation takes time: the others arrive meanwhile.
 */
export const dedupeBenchmark: Benchmark = {
  id: 'dedupe',
  async run() {
    needRedis('dedupe');
    const upstream = await countingUpstream(300);
    const redis = await startRedisServer();
    const handlerOn = (store: JobStore, dedupe: boolean) =>
      createLunosImageHandler({
        apiKey: `sk-bench-${'0'.repeat(40)}`,
        baseURL: upstream.baseURL,
        heartbeatMs: 0,
        jobs: { store },
        dedupe,
      });
    const stores = [redisJobStore({ url: redis.url }), redisJobStore({ url: redis.url })];
    let counts: { memory: number; redis: number; without: number };
    try {
      counts = {
        memory: await identicalRequests([handlerOn(memoryJobStore(), true)], upstream),
        redis: await identicalRequests(
          stores.map((store) => handlerOn(store, true)),
          upstream,
        ),
        without: 0,
      };
      // The same 20 without dedupe, to show what it saves (each its own job).
      const before = upstream.generations();
      await sendTwenty([handlerOn(memoryJobStore(), false)]);
      counts.without = upstream.generations() - before;
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      upstream.close();
      await redis.stop();
    }
    const exactlyOne = { value: 1, label: '= 1' };
    const without = { name: 'without dedupe', value: counts.without };
    const cases: CaseResult[] = [
      {
        name: '20 identical concurrent requests, dedupe: true, memoryJobStore (one instance)',
        ours: counts.memory,
        peers: [without],
        limit: exactlyOne,
        note: 'all 20 answers byte-identical (one job stream, ended done)',
      },
      {
        name: '20 identical concurrent requests, dedupe: true, redisJobStore (two instances)',
        ours: counts.redis,
        peers: [without],
        limit: exactlyOne,
        note: 'requests alternating between two handlers, each with its own redisJobStore on one redis-server; all 20 answers byte-identical',
      },
    ];
    return {
      title: 'Generated once: upstream generations for identical requests (dedupe)',
      unit: 'generations',
      method:
        "createLunosImageHandler with jobs and dedupe: true, called in-process; a node:http upstream that counts POSTs and answers each after 300 ms with a 64 KiB image stream; 20 identical requests at once; bar: exactly 1 generation (a count, so also never 0: every answer must be the job's stream ended done)",
      cases,
    };
  },
};
