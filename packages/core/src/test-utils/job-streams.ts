/** Test helpers for the route handler's jobs: a fake upstream the test drives, job streams read. */
import { makePng } from '../image/test-utils/make-test-image';
import type { JobStore } from '../server/jobs/job-store';
import { decodeSse } from '../sse/decode-sse';
import { type ControlledBody, controlledBody, type FakeFetch, fakeFetch } from './fake-fetch';

export interface JobStreamEvent {
  /** The last event id when it came (`''` for `lunos.job`, which has none). */
  id: string;
  event: string;
  data: string;
}

export interface ReadJobStream {
  events: JobStreamEvent[];
  /** Comment lines (`: keep-alive`) seen. */
  heartbeats: number;
}

/** Every event of a job stream to its end (a `lunos.end`, or the body's end), in order. */
export async function readJobStream(response: Response): Promise<ReadJobStream> {
  const events: JobStreamEvent[] = [];
  let heartbeats = 0;
  if (!response.body) return { events, heartbeats };
  for await (const item of decodeSse(response.body)) {
    if (item.type === 'comment') heartbeats += 1;
    if (item.type !== 'event') continue;
    events.push({ id: item.id, event: item.event, data: item.data });
    if (item.event === 'lunos.end') break;
  }
  return { events, heartbeats };
}

/** The `lunos.end` of a job stream, parsed. */
export function endOf(read: ReadJobStream): unknown {
  const end = read.events.at(-1);
  return end?.event === 'lunos.end' ? JSON.parse(end.data) : undefined;
}

/**
 * An upstream whose answers the test writes: each call gets a body of its own (`bodies[n]`)
 * that fails, as a real fetch body does, when the request's signal aborts.
 */
export function drivenUpstream(answer: (body: ReadableStream<Uint8Array>, n: number) => Response): {
  fetch: FakeFetch;
  bodies: ControlledBody[];
  aborted(n?: number): boolean;
} {
  const bodies: ControlledBody[] = [];
  const fetch = fakeFetch((call, n) => {
    const body = controlledBody();
    bodies[n] = body;
    call.signal?.addEventListener('abort', () => body.error(call.signal?.reason), { once: true });
    return answer(body.stream, n);
  });
  return { fetch, bodies, aborted: (n = 0) => fetch.calls[n]?.signal?.aborted === true };
}

/**
 * A PNG-typed image of `length` bytes (the PNG signature and header, then bytes of every value,
 * CR and LF included): large enough to take the SSE parser's byte path past 64 KiB.
 */
export function pngOfLength(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const head = makePng(2, 2, [seed, 2, 3]).subarray(0, 33);
  const bytes = new Uint8Array(Math.max(length, head.length));
  for (let i = head.length; i < bytes.length; i++) bytes[i] = (i * 31 + seed) % 256;
  bytes.set(head);
  return bytes;
}

/** A store that keeps every argument it was given: what it could hold, to be searched. */
export interface RecordingJobStore extends JobStore {
  /** Every call, in order, with its arguments. */
  readonly calls: { method: keyof JobStore; args: unknown[] }[];
  /** The ids of the jobs created, in order. */
  readonly ids: string[];
}

export function recordingJobStore(inner: JobStore): RecordingJobStore {
  const calls: RecordingJobStore['calls'] = [];
  const ids: string[] = [];
  const store = { calls, ids } as unknown as Record<string, unknown>;
  for (const method of Object.keys(inner) as (keyof JobStore)[]) {
    store[method] = (...args: unknown[]) => {
      calls.push({ method, args });
      if (method === 'create') ids.push((args[0] as { id: string }).id);
      return (inner[method] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return store as unknown as RecordingJobStore;
}
