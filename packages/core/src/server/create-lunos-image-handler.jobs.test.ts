import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64, encodeBase64 } from '../image/base64';
import { jsonResponse, sseData } from '../test-utils/fake-fetch';
import {
  finalPng,
  imagesEvent,
  imagesJsonAnswer,
  previewPngs,
  secondPng,
} from '../test-utils/images-wire-examples';
import {
  APP,
  chatBody,
  get,
  imagesBody,
  jobIdOf,
  JOB_KEY as KEY,
  post,
  jobHandler as setup,
} from '../test-utils/job-handler';
import { endOf, pngOfLength, type ReadJobStream, readJobStream } from '../test-utils/job-streams';
import { recordedSunsetReads, recordedSunsetResponse } from '../test-utils/recorded-stream';
import { createLunosImageHandler } from './create-lunos-image-handler';
import { memoryJobStore } from './jobs/memory-job-store';

const JOB_ID = /^[A-Za-z0-9_-]{22}$/;

afterEach(() => {
  vi.useRealTimers();
});

/** A 300 KB PNG-typed image: its data line takes the SSE parser's byte path. */
const bigPng = pngOfLength(300_000, 7);
const bigDataUrl = `data:image/png;base64,${encodeBase64(bigPng)}`;

const dataOf = (read: ReadJobStream) => read.events.map((e) => e.data);
const withoutHead = (read: ReadJobStream) => read.events.filter((e) => e.event !== 'lunos.job');

async function imageBytes(response: Response): Promise<Uint8Array> {
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe('a generation as a job (chat, streamed)', () => {
  it('answers the job stream: lunos.job first, the events with ids 1, 2, 3…, images as URLs, lunos.end', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/chat/completions', chatBody());
    expect(response.status).toBe(200);
    const id = jobIdOf(response);
    expect(id).toMatch(JOB_ID);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    for (const read of recordedSunsetReads(bigDataUrl)) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const read = await readJobStream(response);
    const [head, caption, image, finish, usage, done, end] = read.events;
    expect(head).toEqual({
      id: '',
      event: 'lunos.job',
      data: JSON.stringify({ id, wire: 'chat' }),
    });
    expect(read.events.slice(1).map((e) => e.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    // The keep-alive comments of the upstream are not stored; everything else is, [DONE] too.
    expect(JSON.parse(caption?.data ?? '').choices[0].delta.content).toBe('Here is your sunset! ');
    const chunk = JSON.parse(image?.data ?? '');
    expect(chunk.choices[0].delta.images[0].image_url.url).toBe(`/api/lunos/jobs/${id}/images/0`);
    expect(finish?.data).toContain('"finish_reason":"stop"');
    expect(usage?.data).toContain('"usage"');
    expect(done).toMatchObject({ event: 'message', data: '[DONE]' });
    expect(end).toMatchObject({ id: '6', event: 'lunos.end', data: '{"status":"done"}' });
    // The URL serves the very bytes the upstream sent as base64.
    const served = await imageBytes(await get(handler, `/jobs/${id}/images/0`));
    expect(Buffer.from(served).equals(Buffer.from(bigPng))).toBe(true);
    expect(upstream.aborted()).toBe(false);
  });

  it('stores a small image (left to the string path by the parser) the same way', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/chat/completions', chatBody());
    for (const read of recordedSunsetReads()) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const read = await readJobStream(response);
    const id = jobIdOf(response);
    expect(read.events[2]?.data).toContain(`"url":"/api/lunos/jobs/${id}/images/0"`);
    const png = decodeBase64(recordedSunsetReads()[3]?.match(/base64,([^"]+)/)?.[1] ?? '');
    expect(Buffer.from(await imageBytes(await get(handler, `/jobs/${id}/images/0`)))).toEqual(
      Buffer.from(png),
    );
  });

  it('keeps an image sent twice once, under one URL', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/chat/completions', chatBody());
    const reads = recordedSunsetReads(bigDataUrl);
    upstream.bodies[0]?.push(reads[3] as string);
    upstream.bodies[0]?.push(reads[3] as string);
    upstream.bodies[0]?.close();
    const urls = withoutHead(await readJobStream(response))
      .filter((e) => e.data.includes('images'))
      .map((e) => JSON.parse(e.data).choices[0].delta.images[0].image_url.url);
    const id = jobIdOf(response);
    expect(urls).toEqual([`/api/lunos/jobs/${id}/images/0`, `/api/lunos/jobs/${id}/images/0`]);
    expect((await get(handler, `/jobs/${id}/images/1`)).status).toBe(404);
  });

  it('delivers images inline with imageDelivery: inline, the events as the upstream sent them', async () => {
    const { handler, upstream } = setup({ imageDelivery: 'inline' });
    const response = await post(handler, '/chat/completions', chatBody());
    const reads = recordedSunsetReads(bigDataUrl);
    for (const read of reads) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const read = await readJobStream(response);
    const sent = reads.filter((r) => r.startsWith('data:')).map((r) => r.slice(6, -2));
    expect(dataOf(read).slice(1, -1)).toEqual(sent);
    // Stored as bytes all the same.
    const served = await imageBytes(await get(handler, `/jobs/${jobIdOf(response)}/images/0`));
    expect(Buffer.from(served).equals(Buffer.from(bigPng))).toBe(true);
  });

  it('names the path it is mounted at in image URLs (basePath or not)', async () => {
    const { handler, upstream } = setup({}, { basePath: '/v2/gen' });
    const response = await handler(
      new Request('http://app.test/v2/gen/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chatBody()),
      }),
    );
    for (const read of recordedSunsetReads()) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const read = await readJobStream(response);
    expect(read.events[2]?.data).toContain(`"url":"/v2/gen/jobs/${jobIdOf(response)}/images/0"`);
  });
});

describe('a generation as a job (Images API, JSON answers)', () => {
  it('an Images API stream: every preview and the final image stored, b64_json replaced by url', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/images', imagesBody());
    upstream.bodies[0]?.push(sseData(imagesEvent.partial(0)));
    upstream.bodies[0]?.push(sseData(imagesEvent.partial(1)));
    upstream.bodies[0]?.push(sseData(imagesEvent.completed()));
    upstream.bodies[0]?.push(sseData('[DONE]'));
    upstream.bodies[0]?.close();
    const read = await readJobStream(response);
    const id = jobIdOf(response);
    expect(JSON.parse(read.events[0]?.data ?? '')).toEqual({ id, wire: 'images' });
    const events = withoutHead(read)
      .slice(0, 3)
      .map((e) => JSON.parse(e.data));
    expect(events.map((e) => e.url)).toEqual(
      [0, 1, 2].map((n) => `/api/lunos/jobs/${id}/images/${n}`),
    );
    expect(events.every((e) => !('b64_json' in e))).toBe(true);
    expect(events[2]).toMatchObject({ type: 'image_generation.completed', usage: { cost: 0.011 } });
    for (const [n, b64] of [previewPngs[0], previewPngs[1], finalPng].entries()) {
      const served = await imageBytes(await get(handler, `/jobs/${id}/images/${n}`));
      expect(encodeBase64(served)).toBe(b64);
    }
    expect(endOf(read)).toEqual({ status: 'done' });
  });

  it('a JSON answer (stream: false) becomes one lunos.answer event, on both wires', async () => {
    const chat = setup({}, {}, () => jsonResponse(recordedSunsetResponse(bigDataUrl)));
    const chatResponse = await post(chat.handler, '/chat/completions', chatBody(false));
    expect(chatResponse.headers.get('content-type')).toBe('text/event-stream');
    const chatRead = await readJobStream(chatResponse);
    const chatId = jobIdOf(chatResponse);
    expect(chatRead.events.map((e) => [e.id, e.event])).toEqual([
      ['', 'lunos.job'],
      ['1', 'lunos.answer'],
      ['2', 'lunos.end'],
    ]);
    const answer = JSON.parse(chatRead.events[1]?.data ?? '');
    expect(answer.choices[0].message.images[0].image_url.url).toBe(
      `/api/lunos/jobs/${chatId}/images/0`,
    );
    expect(answer.usage).toEqual(recordedSunsetResponse().usage);
    const served = await imageBytes(await get(chat.handler, `/jobs/${chatId}/images/0`));
    expect(Buffer.from(served).equals(Buffer.from(bigPng))).toBe(true);

    const images = setup({}, {}, () => jsonResponse(imagesJsonAnswer([finalPng, secondPng])));
    const imagesResponse = await post(images.handler, '/images', imagesBody(false));
    const imagesRead = await readJobStream(imagesResponse);
    const imagesId = jobIdOf(imagesResponse);
    expect(JSON.parse(imagesRead.events[1]?.data ?? '').data).toEqual([
      { url: `/api/lunos/jobs/${imagesId}/images/0` },
      { url: `/api/lunos/jobs/${imagesId}/images/1` },
    ]);
    const second = await imageBytes(await get(images.handler, `/jobs/${imagesId}/images/1`));
    expect(encodeBase64(second)).toBe(secondPng);
  });

  it('a JSON answer with imageDelivery: inline keeps its base64', async () => {
    const { handler } = setup({ imageDelivery: 'inline' }, {}, () =>
      jsonResponse(recordedSunsetResponse(bigDataUrl)),
    );
    const response = await post(handler, '/chat/completions', chatBody(false));
    const answer = JSON.parse((await readJobStream(response)).events[1]?.data ?? '');
    expect(answer).toEqual(recordedSunsetResponse(bigDataUrl));
  });
});

describe('a job outlives the browser', () => {
  it('the browser leaving does not abort the upstream; the job completes and replays whole', async () => {
    const { handler, upstream } = setup();
    const browser = new AbortController();
    const response = await post(handler, '/chat/completions', chatBody(), {
      signal: browser.signal,
    });
    const reads = recordedSunsetReads(bigDataUrl);
    upstream.bodies[0]?.push(reads[2] as string);
    const reader = response.body!.getReader();
    await reader.read(); // lunos.job
    await reader.read(); // the caption
    await reader.cancel(new Error('the tab closed'));
    browser.abort();
    expect(upstream.aborted()).toBe(false);
    for (const read of reads.slice(3)) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const replay = await readJobStream(await get(handler, `/jobs/${jobIdOf(response)}`));
    expect(replay.events).toHaveLength(7);
    expect(endOf(replay)).toEqual({ status: 'done' });
    expect(upstream.aborted()).toBe(false);
  });

  it('GET from the start and from every Last-Event-ID gives the same events; a finished job replays at once', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/chat/completions', chatBody());
    const id = jobIdOf(response);
    const reads = recordedSunsetReads(bigDataUrl);
    upstream.bodies[0]?.push(reads[2] as string);
    // A follower that joins while the job runs.
    const live = get(handler, `/jobs/${id}`).then(readJobStream);
    for (const read of reads.slice(3)) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const first = await readJobStream(response);
    expect((await live).events).toEqual(first.events);
    // Finished: no wait of any kind (no timer runs).
    vi.useFakeTimers();
    const fromStart = await readJobStream(await get(handler, `/jobs/${id}`));
    expect(fromStart.events).toEqual(first.events);
    for (let n = 0; n <= 5; n++) {
      const resumed = await readJobStream(
        await get(handler, `/jobs/${id}`, { 'last-event-id': String(n) }),
      );
      expect(resumed.events).toEqual([first.events[0], ...first.events.slice(n + 1)]);
    }
    // From its end or past it: the end again, so every job stream ends with one.
    for (const last of ['6', '99']) {
      const after = await readJobStream(
        await get(handler, `/jobs/${id}`, { 'last-event-id': last }),
      );
      expect(after.events.map((e) => e.event)).toEqual(['lunos.job', 'lunos.end']);
      expect(endOf(after)).toEqual({ status: 'done' });
    }
  });

  it('a follower waiting for events gets heartbeats', async () => {
    vi.useFakeTimers();
    const { handler, upstream } = setup({}, { heartbeatMs: 1000 });
    const response = await post(handler, '/chat/completions', chatBody());
    const reading = readJobStream(response);
    await vi.advanceTimersByTimeAsync(3500);
    for (const read of recordedSunsetReads()) upstream.bodies[0]?.push(read);
    upstream.bodies[0]?.close();
    const read = await reading;
    expect(read.heartbeats).toBe(3);
    expect(endOf(read)).toEqual({ status: 'done' });
  });
});

describe('stopping a job', () => {
  it('DELETE …/jobs/{id} stops the upstream; the stream ends stopped', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/chat/completions', chatBody());
    upstream.bodies[0]?.push(recordedSunsetReads()[2] as string);
    const id = jobIdOf(response);
    const stop = await handler(new Request(`${APP}/jobs/${id}`, { method: 'DELETE' }));
    expect(stop.status).toBe(204);
    const read = await readJobStream(response);
    expect(upstream.aborted()).toBe(true);
    expect(read.events.map((e) => e.event)).toEqual(['lunos.job', 'message', 'lunos.end']);
    expect(endOf(read)).toEqual({ status: 'stopped' });
    // Stopping an ended job changes nothing.
    expect((await handler(new Request(`${APP}/jobs/${id}`, { method: 'DELETE' }))).status).toBe(
      204,
    );
    expect(endOf(await readJobStream(await get(handler, `/jobs/${id}`)))).toEqual({
      status: 'stopped',
    });
  });

  it('maxRunMs aborts the upstream and ends the job expired, after an in-band error', async () => {
    vi.useFakeTimers();
    const { handler, upstream } = setup({ maxRunMs: 60_000 });
    const response = await post(handler, '/chat/completions', chatBody());
    upstream.bodies[0]?.push(recordedSunsetReads()[2] as string);
    const reading = readJobStream(response);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(upstream.aborted()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const read = await reading;
    expect(upstream.aborted()).toBe(true);
    const [error, end] = read.events.slice(-2);
    expect(JSON.parse(error?.data ?? '')).toEqual({
      error: { code: 504, message: "The generation reached the job's time limit (60000 ms)" },
    });
    expect(JSON.parse(end?.data ?? '')).toEqual({ status: 'expired' });
  });

  it('an upstream cut mid-stream ends the job failed, with an error in the wire shape', async () => {
    const { handler, upstream } = setup();
    const response = await post(handler, '/images', imagesBody());
    upstream.bodies[0]?.push(sseData(imagesEvent.partial(0)));
    upstream.bodies[0]?.error(new TypeError('terminated'));
    const read = await readJobStream(response);
    const [error, end] = read.events.slice(-2);
    const message = "The provider's answer broke off";
    expect(JSON.parse(error?.data ?? '')).toEqual({ type: 'error', error: { code: 502, message } });
    expect(JSON.parse(end?.data ?? '')).toEqual({
      status: 'failed',
      error: { code: 502, message },
    });
  });
});

describe('an upstream error before any body', () => {
  it('the POST answers it as the relay does, the job ends failed, and GET answers the same', async () => {
    const { handler, store } = setup({}, {}, () =>
      jsonResponse({ error: { code: 429, message: `Slow down, ${KEY}` } }, 429, {
        'retry-after': '7',
        'set-cookie': 'upstream=1',
      }),
    );
    const response = await post(handler, '/chat/completions', chatBody());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-lunos-job-id')).toBeNull();
    const body = await response.text();
    expect(body).not.toContain(KEY.slice(10, 30));
    expect(JSON.parse(body).error.message).toContain('Slow down');
    // The job is there, ended: found only through the store here (the POST names no id).
    const id = store.ids[0] as string;
    const state = await store.get(id);
    expect(state?.status).toBe('failed');
    const again = await get(handler, `/jobs/${id}`);
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('7');
    expect(await again.text()).toBe(body);
  });

  it('an unreachable upstream: 502 as the relay answers it', async () => {
    const store = memoryJobStore();
    const handler = createLunosImageHandler({
      apiKey: KEY,
      baseURL: 'https://upstream.test/v1',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      jobs: { store },
    });
    const response = await post(handler, '/chat/completions', chatBody());
    expect(response.status).toBe(502);
    expect((await response.json()).error.metadata.error_type).toBe('upstream_unreachable');
  });
});
