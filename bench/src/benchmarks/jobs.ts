import { spawnSync } from 'node:child_process';
import { createLunosImageClient } from '@lunos-image/core';
import { startRedisServer } from '../../../packages/redis/src/test-utils/start-redis-server';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { spread } from '../harness/spread';
import { GENERATION_BODY, type HandlerKind, startHandlers, timeOne } from '../inputs/handler-pair';

const MiB = 1024 * 1024;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** A body read to its end: its length. */
async function drain(response: Response) {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  const reader = response.body!.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

/** The image routes a job stream names (`"url":"/api/lunos/jobs/<id>/images/<n>"`). */
const IMAGE_URL = /"url":"(\/[^"\n]*\/jobs\/[\w-]+\/images\/\d+)"/g;

/** The last bytes of a job stream that ran to its end. */
const JOB_DONE = 'event: lunos.end\ndata: {"status":"done"}\n\n';

/** Starts the generation on the handler at `base`. */
const postGeneration = (base: string) =>
  fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: GENERATION_BODY,
  });

/**
 * A job as the browser gets it with URL delivery: the job stream to its end and each image it
 * names from the image route, fetched as soon as the stream names it (as the client does), while
 * the stream goes on. Bytes received, the job's id, and the time to the last byte of all of it.
 */
async function runUrlJob(base: string) {
  const start = performance.now();
  const answer = await postGeneration(base);
  const id = answer.headers.get('x-lunos-job-id');
  if (!answer.ok) throw new Error(`${answer.url} answered ${answer.status}`);
  const reader = answer.body!.getReader();
  const decoder = new TextDecoder();
  const images = new Map<string, Promise<number>>();
  let text = '';
  let recent = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const piece = decoder.decode(value, { stream: true });
    text += piece;
    recent = (recent + piece).slice(-JOB_DONE.length);
    for (const [, url] of text.matchAll(IMAGE_URL)) {
      if (!images.has(url!)) images.set(url!, fetch(new URL(url!, base)).then(drain));
    }
    // Only the unfinished last line can still grow into a URL.
    text = text.slice(text.lastIndexOf('\n') + 1);
  }
  if (!id || recent !== JOB_DONE) throw new Error('the job did not end done');
  if (images.size !== 1) throw new Error(`the job named ${images.size} image URLs, not 1`);
  for (const image of images.values()) bytes += await image;
  return { id, bytes, last: performance.now() - start };
}

/** The same with `imageDelivery: 'inline'`: the image as base64 inside the job stream. */
async function runInlineJob(base: string) {
  const start = performance.now();
  const answer = await postGeneration(base);
  const bytes = await drain(answer);
  return { bytes, last: performance.now() - start };
}

/**
 * Reconnecting to a finished job (`GET …/jobs/{id}`, as `resumeImage` and the client's
 * reconnect do): the time from the request to the first byte of the first replayed event (the
 * `lunos.job` line before it is not a replayed event).
 */
async function timeResume(base: string, id: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${base}/jobs/${id}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the job stream of ${id} ended before its first event`);
    text += decoder.decode(value, { stream: true });
    if (/(^|\n)id: 1\n/.test(text)) {
      const elapsed = performance.now() - start;
      await reader.cancel();
      return elapsed;
    }
  }
}

/** The client as an app uses it, to the moment it holds the image as a Blob. */
async function timeBlob(base: string): Promise<number> {
  const client = createLunosImageClient({ baseURL: base, maxRetries: 0 });
  const start = performance.now();
  const result = await client
    .streamImage({ model: 'openrouter/google/gemini-2.5-flash-image', prompt: 'a sunset' })
    .result();
  const blob = await result.images[0]!.blob();
  const elapsed = performance.now() - start;
  if (blob.size < 16 * MiB) throw new Error(`a ${blob.size}-byte Blob, not the 16 MiB image`);
  return elapsed;
}

/** Whether this machine has Debian's redis-server (the Redis row is skipped, and said so, if not). */
const hasRedis = () => !spawnSync('redis-server', ['--version']).error;

/**
 * Issue 27's measured rows: resuming a finished 16 MiB-image job (memory and Redis stores), URL
 * delivery against inline (bytes received, time until the client holds a Blob), and a job
 * against the plain relay to the last byte. The upstream and each handler are processes of their
 * own (as in production), on 127.0.0.1; Redis is a redis-server of the bench's own on a free port.
 */
export const jobsBenchmark: Benchmark = {
  id: 'jobs',
  async run(context) {
    const rounds = Math.max(5, Math.round(15 * context.effort));
    const resumeRounds = Math.max(11, Math.round(41 * context.effort));
    const redis = hasRedis() ? await startRedisServer() : undefined;
    const kinds: HandlerKind[] = ['handler', 'jobs', 'jobs-inline'];
    if (redis) kinds.push('jobs-redis');
    const handlers = await startHandlers(16 * MiB, kinds, redis?.url);
    const { bases } = handlers;
    const relayUrl = `${bases.handler}/chat/completions`;

    const resume = { memory: [] as number[], redis: [] as number[] };
    const blob = { url: [] as number[], inline: [] as number[] };
    const last = { job: [] as number[], inline: [] as number[], relay: [] as number[] };
    try {
      // Warm-up, and the finished jobs the resume rows reconnect to.
      const memoryJob = await runUrlJob(bases.jobs);
      const redisJob = redis ? await runUrlJob(bases['jobs-redis']) : undefined;
      await runInlineJob(bases['jobs-inline']);
      await timeOne(relayUrl, handlers.total);
      await timeBlob(bases.jobs);
      await timeBlob(bases['jobs-inline']);

      for (let i = 0; i < resumeRounds; i++) {
        resume.memory.push(await timeResume(bases.jobs, memoryJob.id));
        if (redisJob) resume.redis.push(await timeResume(bases['jobs-redis'], redisJob.id));
      }
      const tasks: (() => Promise<void>)[] = [
        async () => void blob.url.push(await timeBlob(bases.jobs)),
        async () => void blob.inline.push(await timeBlob(bases['jobs-inline'])),
        async () => void last.job.push((await runUrlJob(bases.jobs)).last),
        async () => void last.inline.push((await runInlineJob(bases['jobs-inline'])).last),
        async () => void last.relay.push((await timeOne(relayUrl, handlers.total)).last),
      ];
      for (let i = 0; i < rounds; i++) {
        context.log(`jobs: round ${i + 1}/${rounds}`);
        // Rotate which goes first, so drift in machine load lands on all alike.
        for (let k = 0; k < tasks.length; k++) {
          (globalThis as { gc?: () => void }).gc?.();
          await tasks[(i + k) % tasks.length]!();
        }
      }
    } finally {
      handlers.close();
      await redis?.stop();
    }

    const resumeLimit = { value: 20, label: '≤ 20 ms' };
    const cases: CaseResult[] = [
      {
        name: 'resume a finished 16 MiB-image job, to the first replayed byte, memoryJobStore',
        ours: median(resume.memory),
        peers: [],
        limit: resumeLimit,
        note: `spread ${spread(resume.memory)} over ${resumeRounds} reconnects`,
      },
    ];
    if (redis) {
      cases.push({
        name: 'resume a finished 16 MiB-image job, to the first replayed byte, redisJobStore',
        ours: median(resume.redis),
        peers: [],
        limit: resumeLimit,
        note: `spread ${spread(resume.redis)} over ${resumeRounds} reconnects`,
      });
    }
    return {
      title: 'Jobs: resume, images as URLs, a job against the relay (@lunos-image/core/server)',
      unit: 'ms',
      method: `16 MiB image SSE stream from a node:http upstream, through createLunosImageHandler + toNodeListener with jobs on (each a process of its own, 127.0.0.1); resume: GET …/jobs/{id} of a finished job, median of ${resumeRounds}${redis ? ', Redis a redis-server of its own' : ' (no redis-server on this machine: the Redis row is left out)'}; the rest rotating, median of ${rounds}; bars: resume ≤ 20 ms, URL delivery ≤ 0.76x the bytes and ≤ 0.5x the time to a Blob of inline, a job ≤ 1.15x the relay to the last byte`,
      cases: [
        ...cases,
        {
          name: 'time until the client holds a Blob, URL delivery (the default)',
          ours: median(blob.url),
          peers: [
            { name: "inline (imageDelivery: 'inline')", value: median(blob.inline), maxRatio: 0.5 },
          ],
          note: `createLunosImageClient({ baseURL }).streamImage(…).result(), then images[0].blob(); spread: url ${spread(blob.url)}, inline ${spread(blob.inline)}`,
        },
        {
          name: 'time to the last byte, a job (URL delivery: the stream and the image route it names)',
          ours: median(last.job),
          peers: [
            { name: 'the relay (no jobs)', value: median(last.relay), maxRatio: 1.15 },
            { name: "a job, imageDelivery: 'inline'", value: median(last.inline) },
          ],
          note: `spread: job ${spread(last.job)}, relay ${spread(last.relay)}, inline job ${spread(last.inline)}`,
        },
      ],
    };
  },
};

/** The bytes row, in MiB: what the browser receives for the 16 MiB image, URL against inline. */
export const jobBytesBenchmark: Benchmark = {
  id: 'job-bytes',
  async run() {
    const handlers = await startHandlers(16 * MiB, ['jobs', 'jobs-inline']);
    try {
      const url = (await runUrlJob(handlers.bases.jobs)).bytes;
      const inline = (await runInlineJob(handlers.bases['jobs-inline'])).bytes;
      return {
        title: 'Jobs: bytes the browser receives for a 16 MiB image',
        unit: 'MiB',
        method:
          'response bodies of one generation through createLunosImageHandler with jobs on memoryJobStore: URL delivery counts the job stream and the image route, inline the job stream with the image as base64; bar: ≤ 0.76x',
        cases: [
          {
            name: '16 MiB image, URL delivery (job stream + image route)',
            ours: url / MiB,
            peers: [
              { name: "inline (imageDelivery: 'inline')", value: inline / MiB, maxRatio: 0.76 },
            ],
            note: `${url} bytes against ${inline}`,
          },
        ],
      };
    } finally {
      handlers.close();
    }
  },
};
