/**
 * The client against the REAL route handler with `jobs` (memory store), the upstream a body the
 * test writes: what a browser sees when its connection drops, it reloads, or it stops.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobLostError } from '../errors/job-lost-error';
import { JobNotFoundError } from '../errors/job-not-found-error';
import { StreamError } from '../errors/stream-errors';
import { AbortError } from '../errors/transport-errors';
import { encodeBase64 } from '../image/base64';
import { memoryJobStore } from '../server/jobs/memory-job-store';
import { newJobId } from '../server/jobs/new-job-id';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { type ControlledBody, jsonResponse, sseData } from '../test-utils/fake-fetch';
import { finalPng, imagesEvent, previewPngs } from '../test-utils/images-wire-examples';
import { APP, jobHandler } from '../test-utils/job-handler';
import { pngOfLength } from '../test-utils/job-streams';
import { recordedSunsetReads, recordedSunsetResponse } from '../test-utils/recorded-stream';
import { chunkExamples } from '../test-utils/wire-examples';
import { createLunosImageClient } from './create-lunos-image-client';
import type { ImageStream } from './image-stream';

afterEach(() => {
  vi.useRealTimers();
});

/** A 300 KB PNG-typed image: as base64 in a stream it would be 400 KB. */
const bigPng = pngOfLength(300_000, 3);
const bigDataUrl = `data:image/png;base64,${encodeBase64(bigPng)}`;
const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

/** Byte for byte (a deep equal of 300 KB is slow). */
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b));

type Handler = (request: Request) => Promise<Response>;

interface Call {
  method: string;
  path: string;
  lastEventId: string | null;
}

/**
 * The browser's fetch, straight into `handler`; each answer named in `cuts` (by its index among
 * the event-stream answers) breaks off as a dropped connection does, once `marker` has come.
 */
function browser(handler: Handler, cuts: Record<number, string> = {}) {
  const calls: Call[] = [];
  let streams = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), APP), init);
    calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      lastEventId: request.headers.get('last-event-id'),
    });
    const response = await handler(request);
    if (response.headers.get('content-type') !== 'text/event-stream') return response;
    const marker = cuts[streams++];
    return marker === undefined ? response : cutAfter(response, marker);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** `response` whose body fails (`TypeError: terminated`) on the read after `marker` came. */
function cutAfter(response: Response, marker: string): Response {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let seen = '';
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (seen.includes(marker)) {
        await reader.cancel(new Error('the connection dropped'));
        controller.error(new TypeError('terminated'));
        return;
      }
      const read = await reader.read();
      if (read.done) return controller.close();
      seen += decoder.decode(read.value, { stream: true });
      controller.enqueue(read.value);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** The upstream's body of the generation, once the run has sent it (a stream starts when read). */
async function upstreamBody(upstream: ReturnType<typeof jobHandler>['upstream']) {
  await vi.waitFor(() => expect(upstream.bodies[0]).toBeDefined());
  return upstream.bodies[0] as ControlledBody;
}

async function eventsOf(stream: ImageStream): Promise<ImageStreamEvent[]> {
  const events: ImageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** What a caller saw: event types, text, and each image's size. */
const seen = (events: readonly ImageStreamEvent[]) =>
  events.map((e) =>
    e.type === 'text-delta'
      ? `text ${e.text}`
      : e.type === 'image' || e.type === 'partial-image'
        ? `${e.type} ${e.index} ${e.image.byteLength} bytes`
        : e.type,
  );

describe('the client on a route handler with jobs', () => {
  it('a connection dropped mid-stream is resumed: one generation, byte-identical images fetched by URL', async () => {
    const { handler, upstream } = jobHandler();
    // The POST's stream drops after the caption (event 1).
    const net = browser(handler, { 0: 'id: 1\n' });
    const client = createLunosImageClient({ baseURL: APP, fetch: net.fetch });
    const stream = client.streamImage(vars);
    const reads = recordedSunsetReads(bigDataUrl);
    const events = eventsOf(stream);
    const body = await upstreamBody(upstream);
    for (const read of reads.slice(0, 3)) body.push(read);
    // The drop happened with the rest still on its way: the job goes on without the browser.
    await vi.waitFor(() => expect(net.calls.some((c) => c.lastEventId === '1')).toBe(true));
    expect(upstream.aborted()).toBe(false);
    for (const read of reads.slice(3)) body.push(read);
    body.close();
    const got = await events;
    expect(seen(got)).toEqual([
      'text Here is your sunset! ',
      `image 0 ${bigPng.byteLength} bytes`,
      'usage',
      'finish',
    ]);
    const result = await stream.result();
    expect(sameBytes(result.images[0]?.bytes(), bigPng)).toBe(true);
    expect(result.text).toBe('Here is your sunset! ');
    expect(stream.resumeCount).toBe(1);
    const id = stream.jobId as string;
    expect(net.calls.map((c) => `${c.method} ${c.path} ${c.lastEventId ?? ''}`.trim())).toEqual([
      'POST /api/lunos/chat/completions',
      `GET /api/lunos/jobs/${id} 1`,
      `GET /api/lunos/jobs/${id}/images/0`,
    ]);
    // Binary, not base64: what came in is the image and a little more, not 4/3 of it.
    expect(stream.bytesReceived).toBeLessThan(bigPng.byteLength * 1.05);
  });

  it('resumeImage reads a finished job from its start: the same events and bytes', async () => {
    const { handler, upstream } = jobHandler();
    const net = browser(handler);
    const client = createLunosImageClient({ baseURL: APP, fetch: net.fetch });
    const first = client.streamImage(vars);
    const reading = eventsOf(first);
    const body = await upstreamBody(upstream);
    for (const read of recordedSunsetReads(bigDataUrl)) body.push(read);
    body.close();
    const original = await reading;
    const again = client.resumeImage(first.jobId as string);
    const replayed = await eventsOf(again);
    expect(seen(replayed)).toEqual(seen(original));
    expect(again.jobId).toBe(first.jobId);
    const [image] = (await again.result()).images;
    if (!image) throw new Error('no image');
    expect(sameBytes(image.bytes(), bigPng)).toBe(true);
    // The blob and the bytes are the same image, as for an inline one.
    expect(image.mimeType).toBe('image/png');
    expect(sameBytes(new Uint8Array(await image.blob().arrayBuffer()), bigPng)).toBe(true);
    expect(upstream.fetch.calls).toHaveLength(1);
  });

  it('stream.abort() sends DELETE …/jobs/{id} and the upstream stops', async () => {
    const { handler, upstream } = jobHandler();
    const net = browser(handler);
    const client = createLunosImageClient({ baseURL: APP, fetch: net.fetch });
    const stream = client.streamImage(vars);
    const result = stream.result().catch((e) => e);
    (await upstreamBody(upstream)).push(recordedSunsetReads()[2] as string);
    await vi.waitFor(() => expect(stream.soFar.text).toBe('Here is your sunset! '));
    stream.abort('the user pressed stop');
    expect(AbortError.isInstance(await result)).toBe(true);
    await vi.waitFor(() => expect(upstream.aborted()).toBe(true));
    const id = stream.jobId as string;
    expect(net.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      `/api/lunos/jobs/${id}`,
    ]);
    // Read again, the job says it was stopped.
    const error = await client
      .resumeImage(id)
      .result()
      .catch((e) => e);
    expect(StreamError.isInstance(error)).toBe(true);
    expect(error.errorType).toBe('job_stopped');
  });

  it('abort with keepJob leaves the job running, to be resumed', async () => {
    const { handler, upstream } = jobHandler();
    const net = browser(handler);
    const client = createLunosImageClient({ baseURL: APP, fetch: net.fetch });
    const stream = client.streamImage(vars);
    const reads = recordedSunsetReads(bigDataUrl);
    const result = stream.result().catch((e) => e);
    const body = await upstreamBody(upstream);
    for (const read of reads.slice(0, 3)) body.push(read);
    await vi.waitFor(() => expect(stream.soFar.text).toBe('Here is your sunset! '));
    stream.abort('reload', { keepJob: true });
    expect(AbortError.isInstance(await result)).toBe(true);
    const resumed = client.resumeImage(stream.jobId as string);
    const events = eventsOf(resumed);
    for (const read of reads.slice(3)) body.push(read);
    body.close();
    expect(seen(await events)).toEqual([
      'text Here is your sunset! ',
      `image 0 ${bigPng.byteLength} bytes`,
      'usage',
      'finish',
    ]);
    expect(net.calls.some((c) => c.method === 'DELETE')).toBe(false);
    expect(upstream.aborted()).toBe(false);
  });

  it('an Images API stream: every preview and the image by URL, in their slot', async () => {
    const { handler, upstream } = jobHandler();
    const net = browser(handler, { 0: 'id: 2\n' });
    const client = createLunosImageClient({
      baseURL: APP,
      fetch: net.fetch,
      dialect: 'openrouter',
    });
    const stream = client.streamImage({
      model: 'openai/gpt-image-1',
      prompt: 'a lighthouse',
      api: 'images',
      n: 1,
    });
    const events = eventsOf(stream);
    const body = await upstreamBody(upstream);
    for (const event of [imagesEvent.partial(0), imagesEvent.partial(1), imagesEvent.completed()])
      body.push(sseData(event));
    body.push(sseData('[DONE]'));
    body.close();
    const got = await events;
    const images = got.filter((e) => e.type === 'partial-image' || e.type === 'image');
    expect(images.map((e) => encodeBase64(e.image.bytes()))).toEqual([
      previewPngs[0],
      previewPngs[1],
      finalPng,
    ]);
    expect(stream.resumeCount).toBe(1);
    expect(net.calls.filter((c) => c.path.includes('/images/')).map((c) => c.path)).toEqual(
      [0, 1, 2].map((n) => `/api/lunos/jobs/${stream.jobId}/images/${n}`),
    );
  });

  it('a JSON answer (stream: false) arrives as lunos.answer, its image by URL', async () => {
    const { handler } = jobHandler({}, {}, () => jsonResponse(recordedSunsetResponse(bigDataUrl)));
    const client = createLunosImageClient({ baseURL: APP, fetch: browser(handler).fetch });
    const result = await client.generateImage(vars);
    expect(result.text).toBe('Here is your sunset! ');
    expect(sameBytes(result.images[0]?.bytes(), bigPng)).toBe(true);
  });

  it('a job whose runner died is a JobLostError, never a hang', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore();
    const { handler } = jobHandler({ store });
    const id = newJobId();
    await store.create(
      { id, wire: 'chat', owner: undefined, createdAt: Date.now() },
      { ttlMs: 3_600_000, leaseMs: 15_000 },
    );
    await store.append(id, { data: JSON.stringify(chunkExamples.caption) });
    const client = createLunosImageClient({ baseURL: APP, fetch: browser(handler).fetch });
    const stream = client.resumeImage(id);
    const result = stream.result().catch((e) => e);
    await vi.advanceTimersByTimeAsync(20_000);
    const error = await result;
    expect(JobLostError.isInstance(error)).toBe(true);
    expect(error.jobId).toBe(id);
    expect(stream.soFar.text).toBe('Here is your sunset! ');
  });

  it('an unknown job is a JobNotFoundError', async () => {
    const { handler } = jobHandler();
    const client = createLunosImageClient({ baseURL: APP, fetch: browser(handler).fetch });
    const error = await client
      .resumeImage(newJobId())
      .result()
      .catch((e) => e);
    expect(JobNotFoundError.isInstance(error)).toBe(true);
    expect(error.status).toBe(404);
    expect(error.errorType).toBe('job_not_found');
  });
});
