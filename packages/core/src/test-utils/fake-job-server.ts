/**
 * A route handler with `jobs` as the client sees it, written from design-jobs.md (not from the
 * handler): `POST` a generation → `x-lunos-job-id` and the job stream; `GET …/jobs/{id}` with
 * `Last-Event-ID`; `DELETE …/jobs/{id}`; `GET …/jobs/{id}/images/{n}`. A test writes each job's
 * events itself and decides where a connection is cut.
 */
import type { ImageApi } from '../models/image-model';
import { matchRoute } from '../routes/match-route';
import { routePath } from '../routes/route-path';
import { ROUTES } from '../routes/route-table';

const encoder = new TextEncoder();

export type FakeJobEnd = 'done' | 'failed' | 'stopped' | 'expired' | 'lost';

interface StoredEvent {
  id: number;
  event: string | undefined;
  data: string;
}

export interface FakeJobImage {
  bytes: Uint8Array;
  /** Sent as `content-type`; default `image/png`. */
  contentType?: string;
  /** Sent as `content-length` instead of the real length (a server that lies). */
  contentLength?: number;
}

export class FakeJob {
  readonly id: string;
  readonly wire: ImageApi;
  readonly events: StoredEvent[] = [];
  readonly images: FakeJobImage[] = [];
  readonly #basePath: string;
  #waiters: Array<() => void> = [];

  constructor(id: string, wire: ImageApi, basePath: string) {
    this.id = id;
    this.wire = wire;
    this.#basePath = basePath;
  }

  get ended(): boolean {
    return this.events.at(-1)?.event === 'lunos.end';
  }

  /** Appends an event (`data` as a string, or JSON); followers get it at once. */
  append(data: unknown, event?: string): this {
    if (this.ended) throw new Error(`job ${this.id} has ended`);
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    this.events.push({ id: this.events.length + 1, event, data: text });
    for (const wake of this.#waiters.splice(0)) wake();
    return this;
  }

  /** Stores an image and returns its URL as the handler writes it (an absolute path). */
  putImage(image: FakeJobImage | Uint8Array): string {
    this.images.push(image instanceof Uint8Array ? { bytes: image } : image);
    return this.imageUrl(this.images.length - 1);
  }

  imageUrl(n: number): string {
    return `${this.#basePath}${routePath('job-image', { id: this.id, n: String(n) })}`;
  }

  end(status: FakeJobEnd, error?: { code: number; message: string }): this {
    return this.append({ status, ...(error && { error }) }, 'lunos.end');
  }

  /** Resolves when an event is appended. */
  next(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

export interface FakeJobCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  keepalive: boolean | undefined;
}

/** How the next stream connection behaves: cut after `events` events (lunos.job not counted). */
export interface FakeCut {
  events: number;
  /** `error` (a network failure, the default) or `close` (the body just ends). */
  how?: 'error' | 'close';
}

export interface FakeJobServer {
  /** The fetch to give the client: answers the job routes below `baseURL`, anything else 404. */
  readonly fetch: typeof fetch;
  readonly calls: FakeJobCall[];
  readonly jobs: Map<string, FakeJob>;
  /** The job the next generation `POST` starts; its events are the test's to write. */
  queueJob(wire: ImageApi): FakeJob;
  /** Cuts the next stream connection(s), one entry each, in order. */
  cut(...cuts: FakeCut[]): void;
  /** Answers the next `GET …/jobs/{id}` with this status instead (a job the server lost track of). */
  refuseNextResume(status: number): void;
  /** From now on, `GET …/jobs/{id}` sends every event whatever `Last-Event-ID` says. */
  ignoreLastEventId(): void;
  callsOf(method: string, route?: string): FakeJobCall[];
}

let counter = 0;

/** A fresh job id: 22 base64url characters, as the handler makes them. */
export function fakeJobId(): string {
  counter += 1;
  return `job${String(counter).padStart(4, '0')}${'x'.repeat(15)}`;
}

function sseText(event: StoredEvent): string {
  const lines = [`id: ${event.id}`];
  if (event.event) lines.push(`event: ${event.event}`);
  for (const line of event.data.split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

function apiError(status: number, type: string, message: string): Response {
  return new Response(
    JSON.stringify({ error: { code: status, message, metadata: { error_type: type } } }),
    { status, headers: { 'content-type': 'application/json' } },
  );
}

export function fakeJobServer(baseURL: string): FakeJobServer {
  const basePath = baseURL.startsWith('/') ? baseURL : new URL(baseURL).pathname;
  const jobs = new Map<string, FakeJob>();
  const queued: FakeJob[] = [];
  const cuts: FakeCut[] = [];
  const refusals: number[] = [];
  const calls: FakeJobCall[] = [];
  let replayAll = false;

  /** The job stream after `after`, following the job live; cut as the next cut says. */
  function stream(job: FakeJob, after: number, signal: AbortSignal | undefined): Response {
    const cut = cuts.shift();
    let sent = 0;
    let at = job.events.findIndex((e) => e.id > after);
    if (at === -1) at = job.events.length;
    let announced = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!announced) {
          announced = true;
          const data = JSON.stringify({ id: job.id, wire: job.wire });
          controller.enqueue(encoder.encode(`event: lunos.job\ndata: ${data}\n\n`));
          return;
        }
        if (cut && sent >= cut.events) {
          if (cut.how === 'close') controller.close();
          else controller.error(new TypeError('terminated'));
          return;
        }
        while (at >= job.events.length) {
          if (signal?.aborted) return;
          await job.next();
        }
        const event = job.events[at++] as StoredEvent;
        sent += 1;
        controller.enqueue(encoder.encode(sseText(event)));
        if (event.event === 'lunos.end') controller.close();
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-lunos-job-id': job.id,
      },
    });
  }

  async function answer(url: URL, init: RequestInit): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const found = matchRoute(url.pathname, basePath);
    const name = found?.names.find((n) => ROUTES[n].method === method);
    if (!found || !name) return apiError(404, 'not_found', `No route ${method} ${url.pathname}`);
    if (name !== 'job' && name !== 'job-stop' && name !== 'job-image') {
      if (name !== 'chat' && name !== 'images') return apiError(404, 'not_found', 'Not here');
      const job = queued.shift();
      if (!job) throw new Error('the test queued no job for this POST');
      if (job.wire !== name) throw new Error(`the queued job speaks ${job.wire}, not ${name}`);
      jobs.set(job.id, job);
      return stream(job, 0, init.signal ?? undefined);
    }
    const job = jobs.get(found.params.id as string);
    if (!job) return apiError(404, 'job_not_found', 'No such job');
    if (name === 'job-stop') return new Response(null, { status: 204 });
    if (name === 'job') {
      const refusal = refusals.shift();
      if (refusal !== undefined) return apiError(refusal, 'job_not_found', 'No such job');
      const last = new Headers(init.headers).get('last-event-id');
      if (last !== null && !/^[0-9]{1,15}$/.test(last)) {
        return apiError(400, 'invalid_request', 'Malformed Last-Event-ID');
      }
      const after = last === null || replayAll ? 0 : Number(last);
      return stream(job, after, init.signal ?? undefined);
    }
    const image = job.images[Number(found.params.n)];
    if (!image) return apiError(404, 'job_not_found', 'No such image');
    return new Response(image.bytes.slice(), {
      status: 200,
      headers: {
        'content-type': image.contentType ?? 'image/png',
        'content-length': String(image.contentLength ?? image.bytes.byteLength),
        'cache-control': 'private, immutable, max-age=3600',
      },
    });
  }

  const fakeFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://page.test');
    calls.push({
      method: (init.method ?? 'GET').toUpperCase(),
      url: String(input),
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      keepalive: init.keepalive,
    });
    if (init.signal?.aborted) throw init.signal.reason;
    return answer(url, init);
  }) as typeof fetch;

  return {
    fetch: fakeFetch,
    calls,
    jobs,
    queueJob(wire) {
      const job = new FakeJob(fakeJobId(), wire, basePath);
      queued.push(job);
      return job;
    },
    cut: (...more) => {
      cuts.push(...more);
    },
    refuseNextResume: (status) => {
      refusals.push(status);
    },
    ignoreLastEventId: () => {
      replayAll = true;
    },
    callsOf: (method, route) =>
      calls.filter(
        (c) =>
          c.method === method &&
          (route === undefined ||
            matchRoute(new URL(c.url, 'http://page.test').pathname, basePath)?.names.includes(
              route as never,
            )),
      ),
  };
}
