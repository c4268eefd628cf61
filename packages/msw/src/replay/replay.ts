import { sleep } from '@lunos-image/core/internal';
import { apiErrorAnswer } from '../catalogue/api-error-answer';
import { MockOptionsError } from '../errors/mock-options-error';
import type { Fixture, SseFixtureEvent } from '../fixture/fixture-schema';
import { fixtureWire } from '../fixture/fixture-wire';
import { chunkTimeline, type TimedBytes } from './chunk-timeline';
import type { Chunking } from './chunking-schema';
import { type Clock, realClock } from './clock';
import { type Fault, faultSchema, type ParsedFault } from './fault-schema';
import { planStream, type StreamPlan } from './plan-stream';
import { type BlobLoader, resolveBlobs } from './resolve-blobs';
import { serializeSseEvent } from './serialize-sse-event';
import { type Timing, timingSchema } from './timing-schema';

export type LineEnding = 'as-recorded' | 'lf' | 'crlf' | 'cr';

export interface ReplayOptions {
  /** Default `instant`. */
  timing?: Timing;
  /** Default `event`. */
  chunking?: Chunking;
  /** Line endings of the SSE framing (raw events keep theirs). Default `as-recorded`. */
  lineEnding?: LineEnding;
  faults?: readonly Fault[];
  /** Aborting stops the stream and its timers; the body then errors with the signal's reason. */
  signal?: AbortSignal;
  /** Timers to wait on; defaults to the real ones, captured before any test can fake them. */
  clock?: Clock;
  /** Loads the image blobs the fixture references. */
  loadBlob?: BlobLoader;
}

const eols = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
const isNode =
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node ===
  'string';
const encoder = new TextEncoder();

function parseFaults(faults: readonly Fault[]): ParsedFault[] {
  return faults.map((fault, i) => {
    const parsed = faultSchema.safeParse(fault);
    if (!parsed.success) {
      throw new MockOptionsError(
        `faults[${i}]`,
        parsed.error.issues[0]?.message ?? 'invalid fault',
      );
    }
    return parsed.data;
  });
}

function gapScale(timing: Timing): (ms: number) => number {
  if (timing === 'instant') return () => 0;
  if (timing === 'realtime') return (ms) => ms;
  const { speed, maxGapMs } = timing;
  return (ms) => Math.min(ms / speed, maxGapMs ?? Number.POSITIVE_INFINITY);
}

/** A JSON or text body as one event, with the faults that make sense for a single body. */
function planSingleBody(text: string, faults: readonly ParsedFault[]): StreamPlan {
  const plan: StreamPlan = { events: [{ dt: 0, raw: text }], end: 'close', endDelayMs: 0 };
  const half = Math.floor(encoder.encode(text).byteLength / 2);
  for (const fault of faults) {
    if (fault.type === 'drop') {
      plan.dropAfterBytes = fault.afterBytes ?? half;
      plan.end = 'drop';
    } else if (fault.type === 'truncate') {
      plan.dropAfterBytes = half;
      plan.end = 'close';
    } else if (fault.type === 'stall') {
      if (fault.ms === undefined) {
        plan.events = [];
        plan.end = 'hang';
      } else {
        plan.events = plan.events.map((e) => ({ ...e, dt: e.dt + fault.ms! }));
      }
    }
  }
  return plan;
}

function jsonText(json: unknown, prefix: string, faults: readonly ParsedFault[]): string {
  let body = json;
  let pad = prefix;
  let malformed = false;
  for (const fault of faults) {
    if (fault.type === 'in-band-error') {
      // A 200 whose body is an error object: the non-streamed form of an in-band error (§5.2).
      body = {
        error: {
          code: fault.code ?? 502,
          message: fault.message ?? 'Provider returned error',
          metadata: { error_type: fault.errorType ?? 'provider_unavailable' },
        },
      };
    } else if (fault.type === 'keep-alive') {
      // OpenRouter keeps non-streamed requests alive with white space before the JSON.
      pad += '\n         \n'.repeat(fault.count);
    } else if (fault.type === 'malformed') {
      malformed = true;
    }
  }
  const text = pad + JSON.stringify(body);
  return malformed ? text.slice(0, Math.floor(text.length / 2)) : text;
}

function streamFrom(
  chunks: readonly TimedBytes[],
  plan: StreamPlan,
  clock: Clock,
  scale: (ms: number) => number,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const start = clock.now();
  let index = 0;
  let finished = false;
  const aborter = new AbortController();
  const stop = () => aborter.abort(new DOMException('The stream was cancelled.', 'AbortError'));
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        signal?.addEventListener(
          'abort',
          () => {
            stop();
            if (!finished) {
              finished = true;
              controller.error(signal.reason);
            }
          },
          { once: true },
        );
      },
      async pull(controller) {
        if (finished) return;
        try {
          const chunk = chunks[index];
          if (chunk) {
            // Deadlines are absolute from the start, so waits do not drift as chunks add up.
            await sleep(Math.max(0, start + chunk.at - clock.now()), aborter.signal, clock);
            index++;
            controller.enqueue(chunk.bytes);
            return;
          }
          if (plan.endDelayMs > 0) await sleep(scale(plan.endDelayMs), aborter.signal, clock);
          if (plan.end === 'hang') {
            await new Promise<never>((_, reject) => {
              aborter.signal.addEventListener('abort', () => reject(aborter.signal.reason), {
                once: true,
              });
            });
          }
          finished = true;
          if (plan.end === 'drop')
            controller.error(new TypeError('terminated: connection reset by the mock'));
          else controller.close();
        } catch {
          // Aborted or cancelled: the abort listener (or the consumer) already ended the stream.
        }
      },
      cancel() {
        finished = true;
        stop();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Turns a fixture into the `Response` the API gave, with the timing, chunking and faults asked
 * for. Pure: it touches no global state, so msw handlers, the HTTP server and the playground all
 * build on it.
 */
export async function replay(fixture: Fixture, options: ReplayOptions = {}): Promise<Response> {
  const timing = timingSchema.safeParse(options.timing ?? 'instant');
  if (!timing.success)
    throw new MockOptionsError('timing', timing.error.issues[0]?.message ?? 'invalid');
  const faults = parseFaults(options.faults ?? []);
  const clock = options.clock ?? realClock;
  const { signal } = options;
  const scale = gapScale(timing.data);
  signal?.throwIfAborted();

  if (faults.some((f) => f.type === 'network-error')) return Response.error();
  const slow = faults.reduce((ms, f) => (f.type === 'slow-headers' ? ms + f.ms : ms), 0);
  const wait = scale(fixture.response.headersAfterMs) + slow;
  if (wait > 0) await sleep(wait, signal, clock);

  const httpError = faults.find((f) => f.type === 'http-error');
  if (httpError) {
    const model = (fixture.request.body as { model?: unknown } | undefined)?.model;
    const answer = apiErrorAnswer(httpError.status, fixture.dialect, {
      message: httpError.message,
      retryAfter: httpError.retryAfter,
      model: typeof model === 'string' ? model : undefined,
      wire: fixtureWire(fixture),
    });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  }

  const { body } = fixture.response;
  const headers = new Headers(fixture.response.headers);
  let plan: StreamPlan;
  let eol = '\n';
  if (body.kind === 'sse') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/event-stream');
    const events = await resolveBlobs<SseFixtureEvent[]>(body.events, options.loadBlob);
    plan = planStream(events, body.end, faults, fixtureWire(fixture));
    const ending = options.lineEnding ?? 'as-recorded';
    eol = ending === 'as-recorded' ? body.lineEnding : eols[ending];
  } else if (body.kind === 'json') {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    const json = await resolveBlobs(body.json, options.loadBlob);
    plan = planSingleBody(jsonText(json, body.prefix ?? '', faults), faults);
  } else {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
    plan = planSingleBody(body.text, faults);
  }

  let at = 0;
  let segments: TimedBytes[] = plan.events.map((event) => {
    at += scale(event.dt);
    return { at, bytes: encoder.encode(serializeSseEvent(event, eol)) };
  });
  if (plan.dropAfterBytes !== undefined) {
    let left = plan.dropAfterBytes;
    segments = segments.map((s) => {
      const bytes = s.bytes.subarray(0, Math.max(0, left));
      left -= bytes.byteLength;
      return { at: s.at, bytes };
    });
  }
  const chunks = chunkTimeline(segments, options.chunking ?? 'event');
  if (!headers.has('content-length') && isNode) {
    // Without chunked framing a body of unknown length ends when the connection closes, so a
    // reset reads as a clean end and an abort as a completed message (msw 3 writes mocked
    // responses to a socket that way; undici then trips on its own assertion). Real streaming
    // servers frame with chunks; so does the mock. Browsers never see this header: a page builds
    // no socket, and a hop-by-hop header has no business crossing into a service worker.
    headers.set('transfer-encoding', 'chunked');
  }
  return new Response(streamFrom(chunks, plan, clock, scale, signal), {
    status: fixture.response.status,
    headers,
  });
}
