import { DEFAULT_MAX_RESPONSE_BYTES } from '../../client/default-limits';
import { sleep } from '../../client/sleep';
import type { ImageApi } from '../../models/image-model';
import { createSseParser } from '../../sse/create-sse-parser';
import type { SseItem } from '../../sse/sse-item';
import { parseEventJson } from '../../stream/parse-event-json';
import type { SpendOutcome, SpendTicket } from '../limits/spend-ticket';
import { usageCostOf } from '../limits/usage-cost';
import { readLimitedBody } from '../read-limited-body';
import type { UpstreamCall, UpstreamRelay } from '../upstream-relay';
import type { HandlerJobs } from './check-jobs-options';
import { type JobEventInput, JobEventWriter } from './job-event-writer';
import type { JobFailure, JobStatus } from './job-store';
import { unrefTimer } from './unref-timer';

/**
 * The most a job reads of an upstream answer: the client's own default `maxResponseBytes`, the
 * largest answer it would take through the relay.
 */
const MAX_JOB_ANSWER_BYTES = DEFAULT_MAX_RESPONSE_BYTES;

export interface JobRunInput {
  readonly id: string;
  readonly wire: ImageApi;
  readonly call: UpstreamCall;
  /** The path of the job's image `index` as the browser addresses the handler. */
  imageUrl(index: number): string;
  /** The generation's reservation (`limits.spend`), settled when the job ends. */
  readonly spend?: SpendTicket | undefined;
}

export interface JobRun {
  /**
   * Once the upstream answered: its error answer, which the POST answers as the relay would (the
   * job has ended `failed` with it), or undefined when the job stream is to be followed.
   */
  readonly opened: Promise<Response | undefined>;
  /** The whole run, to its last write; never rejects (`waitUntil` gets it). */
  readonly done: Promise<void>;
}

/** How a run ended: what `lunos.end` says, and what the store is told. */
interface JobEnd {
  readonly status: JobStatus;
  readonly data: Record<string, unknown>;
  readonly failure?: JobFailure;
  /** Stored before `lunos.end`, in the wire's own error shape, for readers of the wire. */
  readonly error?: { code: number; message: string };
}

const ended = (status: 'done' | 'stopped'): JobEnd => ({ status, data: { status } });

function failed(code: number, message: string): JobEnd {
  const error = { code, message };
  return { status: 'failed', data: { status: 'failed', error }, error };
}

function expired(maxRunMs: number): JobEnd {
  return {
    status: 'expired',
    data: { status: 'expired' },
    error: { code: 504, message: `The generation reached the job's time limit (${maxRunMs} ms)` },
  };
}

/** An error in the wire's own in-band shape, so a reader of the wire gets a typed error. */
function inBandError(wire: ImageApi, error: { code: number; message: string }): string {
  return JSON.stringify(wire === 'images' ? { type: 'error', error } : { error });
}

/** The error answer as the job keeps it, and what its `lunos.end` says of it. */
async function failureOf(refusal: Response): Promise<JobEnd> {
  const body = await refusal.text();
  const headers: Record<string, string> = {};
  refusal.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let message = `The provider answered ${refusal.status}`;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // the body is the API's error shape; anything else keeps the status line
  }
  const error = { code: refusal.status, message };
  return {
    status: 'failed',
    data: { status: 'failed', error },
    failure: { status: refusal.status, headers, body },
  };
}

/** Resolves once a stop was asked for; a store that cannot be reached is asked again. */
async function stopAsked(store: HandlerJobs['store'], id: string, signal: AbortSignal) {
  for (;;) {
    try {
      await store.stopRequested(id, signal);
      return;
    } catch {
      if (signal.aborted) return;
      await sleep(1000, signal).catch(() => {});
    }
  }
}

/**
 * Runs one job: sends the upstream request with an abort of its own (the browser leaving stops
 * nothing), stores each event as it is complete (`JobEventWriter`: images as bytes, data
 * scrubbed), renews the runner's lease every `beatMs`, and ends on the upstream's end, a stop
 * asked from any instance (`stopRequested`) or `maxRunMs`, always with `lunos.end` appended
 * before `finish`. A store that fails mid-run aborts the upstream; followers then see the lease
 * lapse.
 */
export function runJob(input: JobRunInput, jobs: HandlerJobs, relay: UpstreamRelay): JobRun {
  const { id, wire } = input;
  const { store } = jobs;
  const upstreamAbort = new AbortController();
  let stopReason: 'stopped' | 'expired' | undefined;
  const stopWith = (reason: 'stopped' | 'expired') => {
    stopReason ??= reason;
    upstreamAbort.abort();
  };
  let answer: (response: Response | undefined) => void = () => {};
  const opened = new Promise<Response | undefined>((resolve) => {
    answer = resolve;
  });
  const writer = new JobEventWriter({
    store,
    id,
    wire,
    imageDelivery: jobs.imageDelivery,
    imageUrl: input.imageUrl,
    scrub: relay.scrubEventData,
  });
  const append = (event: JobEventInput) => store.append(id, event);

  async function readSse(body: ReadableStream<Uint8Array>): Promise<JobEnd> {
    const items: SseItem[] = [];
    const parser = createSseParser((item) => items.push(item), { imageBytes: true });
    const reader = body.getReader();
    let received = 0;
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch {
        return stopReason ? ends(stopReason) : failed(502, "The provider's answer broke off");
      }
      if (read.done) return ended('done');
      received += read.value.byteLength;
      if (received > MAX_JOB_ANSWER_BYTES) {
        return failed(502, `The provider's answer is larger than ${MAX_JOB_ANSWER_BYTES} bytes`);
      }
      try {
        parser.feed(read.value);
      } catch (error) {
        // Only an event over maxEventBytes throws: the items before it are still stored.
        for (const item of items.splice(0))
          if (item.type === 'event') await append(await writer.fromSse(item));
        return failed(502, (error as Error).message);
      }
      for (const item of items.splice(0)) {
        if (item.type !== 'event') continue;
        // The data holds refs in place of its images: its usage is read without them.
        input.spend?.seeText(item.data);
        await append(await writer.fromSse(item));
      }
      if (stopReason) return ends(stopReason);
    }
  }

  async function readJson(body: ReadableStream<Uint8Array> | null): Promise<JobEnd> {
    let read: Awaited<ReturnType<typeof readLimitedBody>>;
    try {
      read = await readLimitedBody(body, MAX_JOB_ANSWER_BYTES);
    } catch {
      return stopReason ? ends(stopReason) : failed(502, "The provider's answer broke off");
    }
    if ('tooLarge' in read) {
      return failed(502, `The provider's answer is larger than ${MAX_JOB_ANSWER_BYTES} bytes`);
    }
    let json: unknown;
    try {
      json = parseEventJson(new TextDecoder().decode(read.bytes));
    } catch {
      return failed(502, "The provider's answer is not JSON");
    }
    input.spend?.see(usageCostOf(json));
    await append(await writer.fromAnswer(json));
    return ended('done');
  }

  const ends = (reason: 'stopped' | 'expired'): JobEnd =>
    reason === 'stopped' ? ended('stopped') : expired(jobs.maxRunMs);

  /** The run up to its end; the upstream's error answer, when it sent one, comes with it. */
  async function run(): Promise<{ end: JobEnd; refusal?: Response }> {
    const opening = await relay.open(input.call, upstreamAbort.signal);
    if ('refusal' in opening) {
      if (stopReason) return { end: ends(stopReason) };
      const end = await failureOf(opening.refusal);
      const failure = end.failure as JobFailure;
      return {
        end,
        refusal: new Response(failure.body, { status: failure.status, headers: failure.headers }),
      };
    }
    answer(undefined);
    const { upstream } = opening;
    const sse = upstream.headers.get('content-type')?.includes('text/event-stream') === true;
    if (sse && upstream.body) return { end: await readSse(upstream.body) };
    return { end: await readJson(upstream.body) };
  }

  let endAppended = false;
  async function finishWith(end: JobEnd): Promise<void> {
    if (!endAppended) {
      if (end.error) await append({ data: inBandError(wire, end.error) });
      await append({ event: 'lunos.end', data: JSON.stringify(end.data) });
      endAppended = true;
    }
    await store.finish(id, end.status, end.failure);
  }

  const done = (async () => {
    const watching = new AbortController();
    const renewal = unrefTimer(
      setInterval(() => {
        store.renew(id, jobs.leaseMs).catch(() => {});
      }, jobs.beatMs),
    );
    const limit = unrefTimer(setTimeout(() => stopWith('expired'), jobs.maxRunMs));
    void stopAsked(store, id, watching.signal).then(() => {
      if (!watching.signal.aborted) stopWith('stopped');
    });
    let refusal: Response | undefined;
    let complete = false;
    // A stop settles to the usage seen so far; an error before any body was not billed; any
    // other end (done, broken, time limit) to the usage seen, or the reservation when none was.
    let outcome: SpendOutcome = 'ended';
    try {
      const result = await run();
      refusal = result.refusal;
      if (refusal) outcome = 'unbilled';
      else if (result.end.status === 'stopped') outcome = 'stopped';
      // The upstream's answer was read to its end: nothing to abort.
      complete = result.end.status === 'done';
      await finishWith(result.end);
    } catch {
      // The store failed (a write refused or unreachable): stop paying for an answer no one can
      // read, and end the job if the store still listens; if not, its lease lapses.
      upstreamAbort.abort();
      await finishWith(failed(500, 'The job could not be kept')).catch(() => {});
    } finally {
      clearInterval(renewal);
      clearTimeout(limit);
      watching.abort();
      if (!complete) upstreamAbort.abort();
      // After `finish`: a reader asking now finds the job ended with the same answer.
      answer(refusal);
    }
    await input.spend?.end(outcome);
  })();
  return { opened, done };
}
