import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobStoreUnavailableError } from '../errors/job-store-unavailable-error';
import { MIN_SECRET_RUN } from '../errors/redact-secret';
import { ValidationError } from '../errors/validation-error';
import { encodeBase64 } from '../image/base64';
import { sseData } from '../test-utils/fake-fetch';
import {
  chatBody,
  del,
  get,
  jobHandler,
  jobIdOf,
  JOB_KEY as KEY,
  post,
} from '../test-utils/job-handler';
import { endOf, pngOfLength, readJobStream } from '../test-utils/job-streams';
import { recordedSunsetReads } from '../test-utils/recorded-stream';
import { chunkExamples } from '../test-utils/wire-examples';
import { createLunosImageHandler } from './create-lunos-image-handler';
import { base64url } from './jobs/base64url';
import type { JobStore } from './jobs/job-store';
import { memoryJobStore } from './jobs/memory-job-store';
import { newJobId } from './jobs/new-job-id';
import type { LunosImageJobsOptions } from './lunos-image-handler-options';

afterEach(() => {
  vi.useRealTimers();
});

const png = pngOfLength(200_000, 3);

/** A job that ran to its end with one image; its id. */
async function finishedJob(setup: ReturnType<typeof jobHandler>, headers = {}) {
  const response = await post(setup.handler, '/chat/completions', chatBody(), { headers });
  expect(response.status).toBe(200);
  const n = setup.upstream.bodies.length - 1;
  for (const read of recordedSunsetReads(`data:image/png;base64,${encodeBase64(png)}`)) {
    setup.upstream.bodies[n]?.push(read);
  }
  setup.upstream.bodies[n]?.close();
  expect(endOf(await readJobStream(response))).toEqual({ status: 'done' });
  return jobIdOf(response);
}

async function errorType(response: Response) {
  return ((await response.json()) as { error: { metadata: { error_type: string } } }).error.metadata
    .error_type;
}

describe('who may see a job', () => {
  const owned = () =>
    jobHandler({ owner: (request) => request.headers.get('x-user') ?? undefined });

  it('with owner, only the owner reads, stops or fetches its images; anyone else gets 404 as for an unknown id', async () => {
    const setup = owned();
    const id = await finishedJob(setup, { 'x-user': 'alice' });
    const unknown = await get(setup.handler, `/jobs/${newJobId()}`, { 'x-user': 'alice' });
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    const others: Record<string, string>[] = [{ 'x-user': 'bob' }, {}];
    for (const headers of others) {
      for (const response of [
        await get(setup.handler, `/jobs/${id}`, headers),
        await del(setup.handler, `/jobs/${id}`, headers),
        await get(setup.handler, `/jobs/${id}/images/0`, headers),
      ]) {
        expect(response.status).toBe(404);
        expect(await response.text()).toBe(unknownBody);
      }
    }
    expect(JSON.parse(unknownBody).error.metadata.error_type).toBe('job_not_found');
    expect((await get(setup.handler, `/jobs/${id}`, { 'x-user': 'alice' })).status).toBe(200);
    expect((await get(setup.handler, `/jobs/${id}/images/0`, { 'x-user': 'alice' })).status).toBe(
      200,
    );
    expect((await del(setup.handler, `/jobs/${id}`, { 'x-user': 'alice' })).status).toBe(204);
    // The store holds the owner's SHA-256, not the owner.
    const created = setup.store.calls.find((c) => c.method === 'create');
    const sha = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('alice'));
    expect((created?.args[0] as { owner?: string } | undefined)?.owner).toBe(
      Buffer.from(sha).toString('hex'),
    );
  });

  it('a job started without an owner (owner gave undefined): the id alone is the capability', async () => {
    const setup = owned();
    const id = await finishedJob(setup);
    expect((await get(setup.handler, `/jobs/${id}`, { 'x-user': 'bob' })).status).toBe(200);
  });

  it('owner throwing: 500 owner_failed, nothing sent upstream', async () => {
    const setup = jobHandler({
      owner: () => {
        throw new Error('no session store');
      },
    });
    const response = await post(setup.handler, '/chat/completions', chatBody());
    expect(response.status).toBe(500);
    expect(await errorType(response)).toBe('owner_failed');
    expect(setup.upstream.fetch.calls).toHaveLength(0);
    expect(setup.store.ids).toEqual([]);
  });

  it('an unknown, malformed or expired id is 404', async () => {
    vi.useFakeTimers();
    const setup = jobHandler({ ttlMs: 60_000, maxRunMs: 60_000 });
    const id = await finishedJob(setup);
    for (const path of [`/jobs/${newJobId()}`, '/jobs/not-an-id', `/jobs/${id}x/images/0`]) {
      const response = await get(setup.handler, path);
      expect(response.status).toBe(404);
      expect(await errorType(response)).toBe('job_not_found');
    }
    expect((await get(setup.handler, `/jobs/${id}`)).status).toBe(200);
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await get(setup.handler, `/jobs/${id}`)).status).toBe(404);
    expect((await get(setup.handler, `/jobs/${id}/images/0`)).status).toBe(404);
    expect((await del(setup.handler, `/jobs/${id}`)).status).toBe(404);
  });

  it('job routes do not exist without jobs', async () => {
    const handler = createLunosImageHandler({
      apiKey: KEY,
      fetch: () => Promise.reject(new Error('must not be called')),
    });
    const id = newJobId();
    for (const response of [
      await get(handler, `/jobs/${id}`),
      await del(handler, `/jobs/${id}`),
      await get(handler, `/jobs/${id}/images/0`),
    ]) {
      expect(response.status).toBe(404);
      expect(await errorType(response)).toBe('not_found');
    }
  });

  it('exposes x-lunos-job-id to allowed origins', async () => {
    const setup = jobHandler({}, { allowOrigins: ['https://app.example'] });
    const response = await post(setup.handler, '/chat/completions', chatBody(), {
      headers: { origin: 'https://app.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-lunos-job-id');
    setup.upstream.bodies[0]?.close();
  });
});

describe('bad input and limits', () => {
  it('a malformed Last-Event-ID is 400', async () => {
    const setup = jobHandler();
    const id = await finishedJob(setup);
    for (const bad of ['abc', '-1', '1.5', '1e3', '', '0x10', '1234567890123456', '1 2']) {
      const response = await get(setup.handler, `/jobs/${id}`, { 'last-event-id': bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(await errorType(response)).toBe('invalid_last_event_id');
    }
    const ok = await get(setup.handler, `/jobs/${id}`, { 'last-event-id': '123456789012345' });
    expect(ok.status).toBe(200);
  });

  it('a full store: 503 with Retry-After, nothing sent upstream', async () => {
    // Room for one job's bookkeeping: the running one fills it and is never dropped.
    const setup = jobHandler({ store: memoryJobStore({ maxBytes: 512 }) });
    const first = await post(setup.handler, '/chat/completions', chatBody());
    expect(first.status).toBe(200);
    const second = await post(setup.handler, '/chat/completions', chatBody());
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(await errorType(second)).toBe('job_store_full');
    expect(setup.upstream.fetch.calls).toHaveLength(1);
    setup.upstream.bodies[0]?.close();
  });

  it('a store that cannot be reached: 503 before anything goes upstream, on every job route', async () => {
    const unreachable = () =>
      Promise.reject(new JobStoreUnavailableError({ detail: 'redis down' }));
    const store = {
      ...memoryJobStore(),
      create: unreachable,
      get: unreachable,
    } satisfies JobStore;
    const setup = jobHandler({ store });
    const response = await post(setup.handler, '/chat/completions', chatBody());
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body).error.metadata.error_type).toBe('job_store_unavailable');
    expect(body).not.toContain('redis');
    expect(setup.upstream.fetch.calls).toHaveLength(0);
    const id = newJobId();
    for (const path of [`/jobs/${id}`, `/jobs/${id}/images/0`]) {
      expect((await get(setup.handler, path)).status).toBe(503);
    }
    expect((await del(setup.handler, `/jobs/${id}`)).status).toBe(503);
  });
});

describe('a runner that died', () => {
  it('a follower ends with lunos.end lost once the lease has lapsed, not before, and never hangs', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore();
    const setup = jobHandler({ store });
    // As an instance that died left it: running, one event, a lease no one renews. The
    // handler's lease is three heartbeats (15 s by default).
    const id = newJobId();
    await store.create(
      { id, wire: 'chat', owner: undefined, createdAt: Date.now() },
      { ttlMs: 3_600_000, leaseMs: 15_000 },
    );
    await store.append(id, { data: JSON.stringify(chunkExamples.caption) });
    let settled = false;
    const reading = readJobStream(await get(setup.handler, `/jobs/${id}`)).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(14_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(6_000);
    const read = await reading;
    expect(read.events.map((e) => e.event)).toEqual(['lunos.job', 'message', 'lunos.end']);
    expect(endOf(read)).toEqual({ status: 'lost' });
    expect(read.heartbeats).toBe(3);
  });

  it('a live runner renews its lease: a silent upstream is followed past the lease time', async () => {
    vi.useFakeTimers();
    const setup = jobHandler();
    const response = await post(setup.handler, '/chat/completions', chatBody());
    let settled = false;
    const reading = readJobStream(response).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    for (const read of recordedSunsetReads()) setup.upstream.bodies[0]?.push(read);
    setup.upstream.bodies[0]?.close();
    expect(endOf(await reading)).toEqual({ status: 'done' });
  });
});

describe('the image route', () => {
  it('sends the bytes with their type, cache-control private immutable, an ETag of their SHA-256, and 304 on If-None-Match', async () => {
    const setup = jobHandler({ ttlMs: 7_200_000 });
    const id = await finishedJob(setup);
    const response = await get(setup.handler, `/jobs/${id}/images/0`);
    expect(response.status).toBe(200);
    const sha = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', png)));
    const etag = `"${sha}"`;
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(png.byteLength));
    expect(response.headers.get('cache-control')).toBe('private, immutable, max-age=7200');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await get(setup.handler, `/jobs/${id}/images/0`, {
        'if-none-match': ifNoneMatch,
      });
      expect(cached.status, ifNoneMatch).toBe(304);
      expect(cached.headers.get('etag')).toBe(etag);
      expect(await cached.text()).toBe('');
    }
    const stale = await get(setup.handler, `/jobs/${id}/images/0`, { 'if-none-match': '"x"' });
    expect(stale.status).toBe(200);
    for (const n of ['1', '01', 'x', '-1']) {
      const missing = await get(setup.handler, `/jobs/${id}/images/${n}`);
      expect(missing.status, n).toBe(404);
      expect(await errorType(missing)).toBe('job_image_not_found');
    }
  });
});

describe('the key is in nothing a store holds', () => {
  it('not in events (pieces in text, an in-band error echoing it), failures, owners or images', async () => {
    const setup = jobHandler({ owner: (request) => request.headers.get('cookie') ?? undefined });
    const browser = {
      authorization: `Bearer ${KEY}`,
      cookie: 'session=s3cr3t-cookie-value',
    };
    const response = await post(setup.handler, '/chat/completions', chatBody(), {
      headers: browser,
    });
    const [choice] = chunkExamples.caption.choices;
    const caption = {
      ...chunkExamples.caption,
      choices: [
        {
          ...choice,
          delta: { ...choice.delta, content: `echo ${KEY.slice(3, 40)} and ${KEY.slice(30)}` },
        },
      ],
    };
    const inBandError = {
      error: { code: 401, message: `Invalid key ${KEY}`, metadata: { raw: KEY.slice(12) } },
    };
    const reads = recordedSunsetReads(`data:image/png;base64,${encodeBase64(png)}`);
    for (const read of [reads[0], sseData(caption), reads[3], sseData(inBandError)]) {
      setup.upstream.bodies[0]?.push(read as string);
    }
    setup.upstream.bodies[0]?.close();
    await readJobStream(response);
    // An upstream error answer echoing it, before any body.
    const failing = jobHandler({ store: setup.store }, {}, () =>
      Response.json({ error: { code: 400, message: `bad key ${KEY}` } }, { status: 400 }),
    );
    expect((await post(failing.handler, '/chat/completions', chatBody())).status).toBe(400);

    const held = setup.store.calls
      .flatMap((call) => call.args)
      .map((arg) =>
        JSON.stringify(arg, (_, value) =>
          value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
        ),
      )
      .join('\n');
    expect(held).toContain('[redacted]');
    // What was searched holds the image too (its PNG header), not only the text.
    expect(held).toContain('IHDR');
    for (let i = 0; i + MIN_SECRET_RUN <= KEY.length; i++) {
      expect(held).not.toContain(KEY.slice(i, i + MIN_SECRET_RUN));
    }
    expect(held).not.toContain('s3cr3t-cookie-value');
    expect(held).not.toContain('Bearer');
  });
});

describe('the jobs option', () => {
  const make = (jobs: unknown, heartbeatMs?: number) => () =>
    createLunosImageHandler({
      apiKey: KEY,
      jobs: jobs as LunosImageJobsOptions,
      ...(heartbeatMs !== undefined && { heartbeatMs }),
    });

  it.each([
    [null, 'jobs'],
    [{}, 'jobs.store'],
    [{ store: { get: () => undefined } }, 'jobs.store'],
    [{ store: memoryJobStore(), ttlMs: 999 }, 'jobs.ttlMs'],
    [{ store: memoryJobStore(), ttlMs: 1500.5 }, 'jobs.ttlMs'],
    [{ store: memoryJobStore(), maxRunMs: 0 }, 'jobs.maxRunMs'],
    [{ store: memoryJobStore(), ttlMs: 60_000, maxRunMs: 120_000 }, 'jobs.maxRunMs'],
    [{ store: memoryJobStore(), maxRunMs: 2 ** 31 }, 'jobs.maxRunMs'],
    [{ store: memoryJobStore(), owner: 'user-1' }, 'jobs.owner'],
    [{ store: memoryJobStore(), waitUntil: {} }, 'jobs.waitUntil'],
    [{ store: memoryJobStore(), imageDelivery: 'base64' }, 'jobs.imageDelivery'],
  ])('refuses %j with a ValidationError naming %s', (jobs, path) => {
    let error: unknown;
    try {
      make(jobs)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe(path);
  });

  it('hands each job run to waitUntil: it settles once the job has ended', async () => {
    const runs: Promise<unknown>[] = [];
    const setup = jobHandler({ waitUntil: (promise) => runs.push(promise) });
    const response = await post(setup.handler, '/chat/completions', chatBody());
    expect(runs).toHaveLength(1);
    let settled = false;
    void runs[0]?.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    for (const read of recordedSunsetReads()) setup.upstream.bodies[0]?.push(read);
    setup.upstream.bodies[0]?.close();
    await runs[0];
    expect((await setup.store.get(jobIdOf(response)))?.status).toBe('done');
  });
});
