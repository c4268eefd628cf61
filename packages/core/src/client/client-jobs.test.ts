import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../errors/api-error';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { JobLostError } from '../errors/job-lost-error';
import { JobNotFoundError } from '../errors/job-not-found-error';
import { StreamError, StreamTruncatedError } from '../errors/stream-errors';
import { AbortError } from '../errors/transport-errors';
import { ValidationError } from '../errors/validation-error';
import { decodeBase64 } from '../image/base64';
import { joinBytes } from '../image/join-bytes';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import {
  type FakeCut,
  type FakeJob,
  type FakeJobServer,
  fakeJobServer,
} from '../test-utils/fake-job-server';
import { imagesEvent, imagesUsage, previewPngs } from '../test-utils/images-wire-examples';
import { pngOfLength } from '../test-utils/job-streams';
import { imageChunk, pngBytes, recordedSunsetResponse } from '../test-utils/recorded-stream';
import { chunkExamples } from '../test-utils/wire-examples';
import { createLunosImageClient, type LunosImageClientOptions } from './create-lunos-image-client';
import type { ImageStream } from './image-stream';

const BASE = 'https://app.example/api/lunos';
/** Two of these are more than a 3 KB answer may hold. */
const bigPng = pngOfLength(2000);
const KEY = ['sk', 'or', 'v1', 'd'.repeat(64)].join('-');
const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };
const imagesVars = { model: 'openai/gpt-image-1', prompt: 'a lighthouse', api: 'images' } as const;

let server: FakeJobServer;

beforeEach(() => {
  vi.useFakeTimers();
  server = fakeJobServer(BASE);
});
afterEach(() => {
  vi.useRealTimers();
});

const clientOf = (options: LunosImageClientOptions = {}) =>
  createLunosImageClient({ baseURL: BASE, fetch: server.fetch, maxRetries: 2, ...options });

/** Runs the fake clock until `promise` settles (reconnects wait for the backoff). */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; !done && i < 1000; i++) await vi.advanceTimersByTimeAsync(100);
  return promise;
}

async function eventsOf(stream: ImageStream): Promise<ImageStreamEvent[]> {
  const events: ImageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** What a caller saw, comparable across runs: images as their bytes. */
function seen(events: readonly ImageStreamEvent[]): string[] {
  return events.map((e) => {
    if (e.type === 'text-delta') return `text ${e.text}`;
    if (e.type === 'image' || e.type === 'partial-image') {
      return `${e.type} ${e.index} ${Array.from(e.image.bytes()).join(',')}`;
    }
    if (e.type === 'usage') return `usage ${e.usage.cost}`;
    return e.type;
  });
}

/** The sunset stream as a job: caption, image (by URL), finish, usage, [DONE], end. */
function sunsetJob(): FakeJob {
  const job = server.queueJob('chat');
  job.append(chunkExamples.caption);
  job.append(imageChunk(job.putImage(pngBytes)));
  job.append(chunkExamples.finish);
  job.append(chunkExamples.finishWithUsage);
  job.append('[DONE]');
  return job.end('done');
}

const SUNSET_SEEN = [
  'text Here is your sunset! ',
  `image 0 ${Array.from(pngBytes).join(',')}`,
  'usage 0.0387036',
  'finish',
];

describe('a generation that is a job of the route handler', () => {
  it('reads the job stream, fetches its image by URL and exposes the job id', async () => {
    const job = sunsetJob();
    const stream = clientOf({ apiKey: KEY }).streamImage(vars);
    const events = await settle(eventsOf(stream));
    expect(seen(events)).toEqual(SUNSET_SEEN);
    expect(stream.jobId).toBe(job.id);
    expect(stream.resumeCount).toBe(0);
    const [post, image, ...rest] = server.calls;
    expect(post?.method).toBe('POST');
    expect(image).toMatchObject({ method: 'GET', url: `${BASE}/jobs/${job.id}/images/0` });
    // The image is fetched with the client's headers, its key included (it is below baseURL).
    expect(image?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(rest).toEqual([]);
    const result = await stream.result();
    expect(result.images[0]?.bytes()).toEqual(pngBytes);
    expect(result.images[0]?.mimeType).toBe('image/png');
  });

  it.each<[string, ...FakeCut[]]>([
    ['a network failure after the caption', { events: 1 }],
    ['a network failure after the image', { events: 2 }],
    ['a body that ends after the image', { events: 2, how: 'close' }],
    ['two drops in a row, each after progress', { events: 1 }, { events: 2 }],
  ])('resumes after %s: one generation, byte-identical, no event twice', async (_, ...cuts) => {
    const job = sunsetJob();
    server.cut(...cuts);
    const stream = clientOf().streamImage(vars);
    const events = await settle(eventsOf(stream));
    expect(seen(events)).toEqual(SUNSET_SEEN);
    expect(stream.resumeCount).toBe(cuts.length);
    const resumes = server.callsOf('GET', 'job');
    expect(resumes.map((c) => c.url)).toEqual(cuts.map(() => `${BASE}/jobs/${job.id}`));
    // Each reconnect asks for what came after the last event it had.
    let last = 0;
    for (const [i, call] of resumes.entries()) {
      last += cuts[i]?.events ?? 0;
      expect(call.headers['last-event-id']).toBe(String(last));
    }
    expect(server.callsOf('GET', 'job-image')).toHaveLength(1);
    expect(server.callsOf('DELETE')).toEqual([]);
  });

  it('follows a job that is still running, and skips events a server sends again', async () => {
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption);
    server.cut({ events: 1 });
    server.ignoreLastEventId();
    const stream = clientOf().streamImage(vars);
    const events = eventsOf(stream);
    await vi.advanceTimersByTimeAsync(0);
    job.append(imageChunk(job.putImage(pngBytes)));
    await vi.advanceTimersByTimeAsync(1000);
    job.append(chunkExamples.finish).append('[DONE]').end('done');
    expect(seen(await settle(events))).toEqual([
      'text Here is your sunset! ',
      `image 0 ${Array.from(pngBytes).join(',')}`,
      'finish',
    ]);
    expect(stream.resumeCount).toBe(1);
    expect(server.callsOf('GET', 'job-image')).toHaveLength(1);
  });

  it('gives up after maxRetries reconnects without progress, as a cut stream', async () => {
    sunsetJob();
    server.cut({ events: 1 }, { events: 0 }, { events: 0 });
    const error = await settle(
      clientOf({ maxRetries: 2 })
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('dropped');
    expect(server.callsOf('GET', 'job')).toHaveLength(2);
  });

  it('does not reconnect with maxRetries 0', async () => {
    sunsetJob();
    server.cut({ events: 1 });
    const error = await settle(
      clientOf({ maxRetries: 0 })
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(StreamTruncatedError.isInstance(error)).toBe(true);
    expect(server.callsOf('GET', 'job')).toEqual([]);
  });

  it('a 404 on reconnect is a JobNotFoundError: the job is gone', async () => {
    const job = sunsetJob();
    server.cut({ events: 1 });
    server.refuseNextResume(404);
    const error = await settle(
      clientOf()
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(JobNotFoundError.isInstance(error)).toBe(true);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error.status).toBe(404);
    expect(error.jobId).toBe(job.id);
    expect(error.message).toContain(`The job ${job.id} is gone`);
  });

  it('lunos.end lost is a JobLostError (a StreamError, reason lost), and stops nothing', async () => {
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption).end('lost');
    const stream = clientOf().streamImage(vars);
    const error = await settle(stream.result().catch((e) => e));
    expect(JobLostError.isInstance(error)).toBe(true);
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('lost');
    expect(error.jobId).toBe(job.id);
    expect(server.callsOf('DELETE')).toEqual([]);
  });

  it('a failed job: the in-band error it stored first is the error', async () => {
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption).append(chunkExamples.inBandError);
    job.end('failed', { code: 429, message: 'Rate limit exceeded' });
    const error = await settle(
      clientOf()
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error.errorType).toBe('rate_limit_exceeded');
    expect(error.message).toBe('Rate limit exceeded');
    expect(server.callsOf('DELETE')).toEqual([]);
  });

  it.each([
    ['failed', 'job_failed', /failed: upstream cut/],
    ['stopped', 'job_stopped', /was stopped/],
    ['expired', 'job_expired', /maxRunMs/],
  ] as const)(
    'a job that ended %s with no error before it: a StreamError',
    async (status, type, message) => {
      const job = server.queueJob('chat');
      job.append(chunkExamples.caption).end(status, { code: 502, message: 'upstream cut' });
      const error = await settle(
        clientOf()
          .generateImage(vars)
          .catch((e) => e),
      );
      expect(StreamError.isInstance(error)).toBe(true);
      expect(error.errorType).toBe(type);
      expect(error.message).toMatch(message);
    },
  );

  it('refuses a stream that is not the job its header named', async () => {
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption).end('done');
    const original = server.fetch;
    const lying = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await original(input, init);
      const text = (await response.text()).replace(job.id, `${'z'.repeat(22)}`);
      return new Response(text, response);
    }) as typeof fetch;
    const error = await settle(
      clientOf({ fetch: lying })
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error.message).toContain('announced another job');
  });
});

describe('stopping a job', () => {
  it.each([
    [
      'stream.abort()',
      async (stream: ImageStream) => {
        const result = stream.result().catch((e) => e);
        await vi.advanceTimersByTimeAsync(0);
        stream.abort('user');
        return result;
      },
    ],
    [
      'the caller signal',
      async (stream: ImageStream, controller: AbortController) => {
        const result = stream.result().catch((e) => e);
        await vi.advanceTimersByTimeAsync(0);
        controller.abort();
        return result;
      },
    ],
    [
      'leaving the loop',
      async (stream: ImageStream) => {
        for await (const _ of stream) break;
        return new AbortError('left');
      },
    ],
  ])('%s sends DELETE …/jobs/{id} once, keepalive, and the run ends aborted', async (_, stop) => {
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption);
    const controller = new AbortController();
    const stream = clientOf({ apiKey: KEY }).streamImage(vars, { signal: controller.signal });
    const error = await settle(stop(stream, controller));
    expect(AbortError.isInstance(error)).toBe(true);
    // The job id was known once the answer's headers were in.
    expect(stream.jobId).toBe(job.id);
    const deletes = server.callsOf('DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({ url: `${BASE}/jobs/${job.id}`, keepalive: true });
    expect(deletes[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('sends nothing after a finished run, nor when aborted with keepJob', async () => {
    sunsetJob();
    const finished = clientOf().streamImage(vars);
    await settle(finished.result());
    finished.abort();
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption);
    const kept = clientOf().streamImage(vars);
    const result = kept.result().catch((e) => e);
    await vi.advanceTimersByTimeAsync(0);
    kept.abort('leaving the page', { keepJob: true });
    expect(AbortError.isInstance(await settle(result))).toBe(true);
    expect(server.callsOf('DELETE')).toEqual([]);
  });

  it('a DELETE that fails is never the run’s error', async () => {
    const job = server.queueJob('chat');
    job.append(chunkExamples.caption);
    const failing = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'DELETE') throw new TypeError('offline');
      return server.fetch(input, init);
    }) as typeof fetch;
    const stream = clientOf({ fetch: failing }).streamImage(vars);
    const result = stream.result().catch((e) => e);
    await vi.advanceTimersByTimeAsync(0);
    stream.abort('done here');
    const error = await settle(result);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('done here');
  });
});

describe('resumeImage', () => {
  it('reads a finished job from its start: the same events as the run that made it', async () => {
    const job = sunsetJob();
    const first = await settle(eventsOf(clientOf().streamImage(vars)));
    const again = clientOf().resumeImage(job.id);
    expect(seen(await settle(eventsOf(again)))).toEqual(seen(first));
    expect(again.jobId).toBe(job.id);
    const [call] = server.callsOf('GET', 'job');
    expect(call?.url).toBe(`${BASE}/jobs/${job.id}`);
    expect(call?.headers['last-event-id']).toBeUndefined();
  });

  it('follows a running job live, and resumes it after a drop', async () => {
    const job = server.queueJob('images');
    job.append({
      ...imagesEvent.partial(0),
      b64_json: undefined,
      url: job.putImage(decodeBase64(previewPngs[0])),
    });
    const started = clientOf().streamImage(imagesVars);
    const result = started.result().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    started.abort('reload', { keepJob: true });
    await result;
    server.cut({ events: 1 });
    const resumed = clientOf().resumeImage(job.id);
    const events = eventsOf(resumed);
    await vi.advanceTimersByTimeAsync(0);
    job.append({ ...imagesEvent.completed(), b64_json: undefined, url: job.putImage(pngBytes) });
    job.append('[DONE]').end('done');
    expect(seen(await settle(events))).toEqual([
      `partial-image 0 ${Array.from(decodeBase64(previewPngs[0])).join(',')}`,
      `image 0 ${Array.from(pngBytes).join(',')}`,
      `usage ${imagesUsage.cost}`,
      'finish',
    ]);
    expect(resumed.resumeCount).toBe(1);
  });

  it.each([
    ['an empty string', ''],
    ['a path', '../models'],
    ['too short', 'abc'],
    ['a number', 42],
  ])('refuses %s as an id, sending nothing', async (_, id) => {
    const error = await clientOf()
      .resumeImage(id as string)
      .result()
      .catch((e) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error.issues[0].path).toBe('id');
    expect(server.calls).toEqual([]);
  });

  it('an unknown job is a JobNotFoundError', async () => {
    const error = await settle(
      clientOf()
        .resumeImage('q'.repeat(22))
        .result()
        .catch((e) => e),
    );
    expect(JobNotFoundError.isInstance(error)).toBe(true);
  });
});

describe('the Images API and JSON answers as jobs', () => {
  it('an Images API stream: previews and images by URL, in their slots', async () => {
    const job = server.queueJob('images');
    const preview = decodeBase64(previewPngs[1]);
    job.append({ ...imagesEvent.partial(0), b64_json: undefined, url: job.putImage(preview) });
    job.append({ ...imagesEvent.completed(), b64_json: undefined, url: job.putImage(pngBytes) });
    job.append('[DONE]').end('done');
    server.cut({ events: 1 });
    const stream = clientOf({ dialect: 'openrouter' }).streamImage({ ...imagesVars, n: 1 });
    const events = await settle(eventsOf(stream));
    expect(seen(events)).toEqual([
      `partial-image 0 ${Array.from(preview).join(',')}`,
      `image 0 ${Array.from(pngBytes).join(',')}`,
      `usage ${imagesUsage.cost}`,
      'finish',
    ]);
    expect(stream.resumeCount).toBe(1);
  });

  it('an Images API error after an image: the slot fails, the job ends failed, the run keeps its image', async () => {
    const job = server.queueJob('images');
    job.append({ ...imagesEvent.completed(), b64_json: undefined, url: job.putImage(pngBytes) });
    job.append(imagesEvent.error).end('failed', { code: 502, message: 'Generation failed' });
    const result = await settle(clientOf().generateImage({ ...imagesVars, n: 2 }));
    expect(result.images).toHaveLength(1);
    expect(result.slots.map((s) => s.status)).toEqual(['done', 'failed']);
  });

  it.each([
    [
      'chat',
      (job: FakeJob) => recordedSunsetResponse(job.putImage(pngBytes)),
      vars,
      [
        'text Here is your sunset! ',
        `image 0 ${Array.from(pngBytes).join(',')}`,
        'usage 0.0387036',
      ],
    ],
    [
      'images',
      (job: FakeJob) => ({
        created: 1,
        data: [{ url: job.putImage(pngBytes) }],
        usage: imagesUsage,
      }),
      imagesVars,
      [`image 0 ${Array.from(pngBytes).join(',')}`, `usage ${imagesUsage.cost}`],
    ],
  ] as const)(
    'a %s JSON answer (lunos.answer) with its image by URL',
    async (wire, answer, variables, expected) => {
      const job = server.queueJob(wire);
      job.append(answer(job), 'lunos.answer').end('done');
      server.cut({ events: 0 });
      const stream = clientOf().streamImage({ ...variables, stream: false });
      expect(seen(await settle(eventsOf(stream)))).toEqual([...expected, 'finish']);
      expect(stream.resumeCount).toBe(1);
    },
  );
});

describe('job images fetched by URL', () => {
  /** A chat job whose one image is `image`, at `url` when given instead of its own. */
  function jobWithImage(image: Parameters<FakeJob['putImage']>[0], url?: (own: string) => string) {
    const job = server.queueJob('chat');
    const own = job.putImage(image);
    job
      .append(imageChunk(url ? url(own) : own))
      .append(chunkExamples.finish)
      .append('[DONE]');
    return job.end('done');
  }

  it('an image over maxImageBytes is ImageTooLargeError, said by content-length or counted', async () => {
    jobWithImage({ bytes: pngBytes, contentLength: 1_000_000 });
    const declared = await settle(
      clientOf({ maxImageBytes: 1000 })
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(declared.name).toBe('ImageTooLargeError');
    expect(declared.byteLength).toBe(1_000_000);
    jobWithImage({ bytes: pngBytes, contentLength: 10 });
    const counted = await settle(
      clientOf({ maxImageBytes: 20 })
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(counted.name).toBe('ImageTooLargeError');
    expect(counted.byteLength).toBe(pngBytes.byteLength);
  });

  it('images together over maxResponseBytes are ResponseTooLargeError', async () => {
    const job = server.queueJob('images');
    job.append({ ...imagesEvent.partial(0), b64_json: undefined, url: job.putImage(bigPng) });
    job.append({ ...imagesEvent.completed(), b64_json: undefined, url: job.putImage(bigPng) });
    job.append('[DONE]').end('done');
    const error = await settle(
      clientOf({ maxResponseBytes: 1.5 * bigPng.byteLength })
        .generateImage(imagesVars)
        .catch((e) => e),
    );
    expect(error.name).toBe('ResponseTooLargeError');
    expect(error.limit).toBe('maxResponseBytes');
    expect(error.received).toBe(2 * bigPng.byteLength);
  });

  it('an answer that is not an image type is InvalidImageError, its body not read', async () => {
    jobWithImage({ bytes: new TextEncoder().encode('<html>'), contentType: 'text/html' });
    const error = await settle(
      clientOf()
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(error.name).toBe('InvalidImageError');
    expect(error.reason).toBe('unsupported-type');
  });

  it.each([
    ['another origin', (own: string) => `https://evil.example${own}`],
    ['another origin, protocol-relative', (own: string) => `//evil.example${own}`],
    ['another job', (own: string) => own.replace(/jobs\/[^/]+/, `jobs/${'y'.repeat(22)}`)],
    ['a path beside the image route', (own: string) => own.replace('/images/0', '/images/../../x')],
    ['a query', (own: string) => `${own}?x=1`],
  ])('a URL to %s is not fetched, and the key goes nowhere but baseURL', async (_, url) => {
    jobWithImage(pngBytes, url);
    await settle(
      clientOf({ apiKey: KEY })
        .generateImage(vars)
        .catch((e) => e),
    );
    expect(server.callsOf('GET', 'job-image')).toEqual([]);
    for (const call of server.calls) {
      expect(call.url.startsWith(`${BASE}/`)).toBe(true);
    }
  });

  it('with a baseURL that is a path, the image path is fetched as it is', async () => {
    server = fakeJobServer('/api/lunos');
    const job = sunsetJob();
    const result = await settle(
      createLunosImageClient({ baseURL: '/api/lunos', fetch: server.fetch }).generateImage(vars),
    );
    expect(joinBytes([result.images[0]!.bytes()])).toEqual(pngBytes);
    expect(server.callsOf('GET', 'job-image')[0]?.url).toBe(`/api/lunos/jobs/${job.id}/images/0`);
  });
});
