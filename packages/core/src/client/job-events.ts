import { NotFoundError } from '../errors/api-error';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { JobLostError } from '../errors/job-lost-error';
import { JobNotFoundError } from '../errors/job-not-found-error';
import type { LunosImageError } from '../errors/lunos-image-error';
import { ResponseTooLargeError } from '../errors/response-too-large-error';
import { StreamError, StreamTruncatedError } from '../errors/stream-errors';
import { ConnectionError } from '../errors/transport-errors';
import type { ImageApi } from '../models/image-model';
import { routePath } from '../routes/route-path';
import { decodeSseBatches } from '../sse/decode-sse-batches';
import { eventDataText } from '../sse/event-data-text';
import type { SseImageBytes, SseItem } from '../sse/sse-item';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { parseEventJson } from '../stream/parse-event-json';
import type { StreamInterpreter } from '../stream/stream-interpreter';
import { generationWires } from '../wires/generation-wires';
import { answerFormat } from './answer-format';
import { MAX_QUOTED_BODY_BYTES } from './default-limits';
import { type FetchedJobImage, fetchJobImage } from './fetch-job-image';
import { type GenerationPlan, interpreterFor, sseParserOptions } from './generation-plan';
import { jobImageSlots } from './job-image-slots';
import { jobImageTarget } from './job-image-url';
import { MeteredBody } from './metered-body';
import { quoteBody } from './quote-body';
import type { RunSignal } from './run-signal';
import { retryDelayMs, type SentResponse, sendWithRetry } from './send-with-retry';
import { sleep } from './sleep';
import { stopJob } from './stop-job';
import { unreadableAnswerError } from './unreadable-answer-error';

type TBatches = AsyncGenerator<ImageStreamEvent[], void, undefined>;
type TEventItem = Extract<SseItem, { type: 'event' }>;

/** A job's answer as the client first holds it. */
export interface JobAnswer {
  /** From `x-lunos-job-id` (a generation), or the id asked for (`resumeImage`). */
  id: string;
  /** The wire of the generation that started it; undefined when resuming (`lunos.job` names it). */
  wire: ImageApi | undefined;
  /** Its first connection, headers and first read in. */
  sent: SentResponse;
}

/** How a connection ended: the job's stream said all it will, or it was cut (by `cause`, or a body that just ended). */
type TConnectionEnd = { over: true } | { over: false; cause: LunosImageError | undefined };

const END_STATUSES = new Set(['done', 'failed', 'stopped', 'expired', 'lost']);

/** An error of a request to a job's routes: a 404 there means the job is gone. */
export function asJobError(error: unknown, jobId: string): unknown {
  return NotFoundError.isInstance(error) && !JobNotFoundError.isInstance(error)
    ? new JobNotFoundError(jobId, error)
    : error;
}

/**
 * The events of a job of the route handler (`design-jobs.md`), one batch per network read,
 * across as many connections as it takes: `lunos.job` names the job and its wire, every other
 * event (`id:` 1, 2, 3…) goes to the wire's interpreter (`lunos.answer` through the wire's
 * `answerEvents`), and `lunos.end` ends it. A connection that drops or ends before that is
 * followed by `GET …/jobs/{id}` with `Last-Event-ID` (the run's retries and backoff, counted
 * afresh after every new event), and an event seen before is skipped: the caller sees one
 * generation. Image URLs of the job's image route are fetched as bytes and handed to the
 * interpreter in their place. Aborting the run stops the job (`DELETE`), unless it was aborted
 * with `keepJob` or the job's stream is over.
 */
export function jobEvents(answer: JobAnswer, plan: GenerationPlan, run: RunSignal): TBatches {
  return new JobStream(answer, plan, run).events();
}

class JobStream {
  readonly #id: string;
  readonly #plan: GenerationPlan;
  readonly #run: RunSignal;
  readonly #first: SentResponse;
  /** Where this job's image URLs start (`/jobs/<id>/images/`): an event without it holds none. */
  readonly #imageMarker: string;
  #wire: ImageApi | undefined;
  #interpreter: StreamInterpreter | undefined;
  #lastEventId = 0;
  /** Drops and failed reconnects since the last new event. */
  #failures = 0;
  /** The job's stream said all it will (or the run has its result): nothing to stop or resume. */
  #over = false;
  /** Bytes of the job's images fetched so far: together at most `maxResponseBytes`. */
  #imageBytes = 0;
  /** The images fetched so far, by URL. */
  readonly #fetched = new Map<string, FetchedJobImage>();
  readonly #refTag = randomTag();
  #refCount = 0;

  constructor(answer: JobAnswer, plan: GenerationPlan, run: RunSignal) {
    this.#id = answer.id;
    this.#wire = answer.wire;
    this.#first = answer.sent;
    this.#plan = plan;
    this.#run = run;
    this.#imageMarker = routePath('job-image', { id: answer.id, n: '0' }).slice(0, -1);
    run.job(answer.id);
  }

  async *events(): TBatches {
    const run = this.#run;
    const plan = this.#plan;
    const stop = () => {
      if (!run.keepsJob) stopJob(plan, this.#id);
    };
    if (run.signal.aborted) stop();
    else run.signal.addEventListener('abort', stop, { once: true });
    try {
      let sent = this.#first;
      for (;;) {
        const end = yield* this.#connection(sent);
        if (end.over) return;
        const next = await this.#reconnect(end.cause);
        if ('failure' in next) {
          // The run has its result (a finish reason, a completed image): what is missing is
          // what a dropped connection loses today too.
          if (!this.#interpreter?.finished) throw next.failure;
          this.#over = true;
          const tail = this.#interpreter.end(run.bytesReceived);
          if (tail.length > 0) yield tail;
          return;
        }
        sent = next;
      }
    } finally {
      if (this.#over) run.signal.removeEventListener('abort', stop);
    }
  }

  /** One connection's events; how it ended. */
  async *#connection(
    sent: SentResponse,
  ): AsyncGenerator<ImageStreamEvent[], TConnectionEnd, undefined> {
    const plan = this.#plan;
    const run = this.#run;
    const contentType = sent.response.headers.get('content-type') ?? '';
    const body = new MeteredBody(sent.reader, {
      maxBytes: plan.maxResponseBytes,
      first: sent.first,
      run,
      what: 'The stream broke',
    });
    if (answerFormat(contentType) !== 'sse') {
      throw await unreadableAnswerError({
        body,
        contentType,
        what: `The stream of job ${this.#id}`,
        expected: 'SSE',
        secret: plan.secret,
        maxBytes: Math.min(plan.maxResponseBytes, MAX_QUOTED_BODY_BYTES),
      });
    }
    let announced = false;
    try {
      for await (const items of decodeSseBatches(body, sseParserOptions(plan))) {
        let batch: ImageStreamEvent[] = [];
        let announcedNow = false;
        for (const item of items) {
          if (item.type === 'comment') {
            if (this.#interpreter) batch.push(...this.#interpreter.push(item));
            continue;
          }
          if (item.type !== 'event') continue;
          if (item.event === 'lunos.job') {
            this.#announce(item.data);
            announced = announcedNow = true;
            continue;
          }
          if (!announced) {
            throw new InvalidResponseError(
              `The stream of job ${this.#id} sent an event before lunos.job`,
            );
          }
          // The end may come without an id: a follower that found the job ended, or its runner
          // gone (`lost`), says so without a stored event to number.
          if (item.event === 'lunos.end') {
            this.#over = true;
            if (batch.length > 0) yield batch;
            const tail = this.#end(item.data);
            if (tail.length > 0) yield tail;
            return { over: true };
          }
          const eventId = jobEventId(item.id);
          // Had before the connection dropped: the server resent it.
          if (eventId <= this.#lastEventId) continue;
          if (item.data.includes(this.#imageMarker) && batch.length > 0) {
            // Images are fetched before the event is read: what came before shows meanwhile.
            yield batch;
            batch = [];
          }
          const { events, last } = await this.#interpret(item);
          this.#lastEventId = eventId;
          this.#failures = 0;
          batch.push(...events);
          if (last) {
            // `[DONE]`, an in-band error, or the whole answer: nothing after it matters.
            this.#over = true;
            yield batch;
            return { over: true };
          }
        }
        // A batch without events still tells the run's state: its job is known, it resumed.
        if (batch.length > 0 || announcedNow) yield batch;
      }
    } catch (error) {
      if (run.reason || !ConnectionError.isInstance(error)) throw error;
      return { over: false, cause: error };
    }
    return { over: false, cause: undefined };
  }

  /** The next connection to the job, after the run's backoff, or why there is none. */
  async #reconnect(
    cause: LunosImageError | undefined,
  ): Promise<SentResponse | { failure: unknown }> {
    const plan = this.#plan;
    const run = this.#run;
    const bytes = run.bytesReceived;
    const cut = (error: LunosImageError | undefined) =>
      new StreamTruncatedError(
        `The connection to job ${this.#id} ${error ? 'dropped' : 'ended'} after ${bytes} bytes, before the job ended, and could not be resumed`,
        bytes,
        { cause: error, reason: error ? 'dropped' : 'closed' },
      );
    this.#failures += 1;
    if (this.#failures > plan.maxRetries) return { failure: cut(cause) };
    run.idle();
    try {
      await sleep(retryDelayMs(this.#failures - 1, undefined), run.signal);
    } catch {
      run.check();
    }
    try {
      const sent = await sendWithRetry({
        url: `${plan.baseURL}${routePath('job', { id: this.#id })}`,
        init: {
          method: 'GET',
          headers: {
            ...plan.headers,
            accept: 'text/event-stream',
            ...(this.#lastEventId > 0 && { 'last-event-id': String(this.#lastEventId) }),
          },
        },
        fetch: plan.fetch,
        run,
        maxRetries: plan.maxRetries,
        firstAttempt: this.#failures,
        errorContext: { secret: plan.secret },
        maxResponseBytes: plan.maxResponseBytes,
      });
      this.#failures = sent.attempt;
      run.resumed();
      return sent;
    } catch (error) {
      if (run.reason) throw run.reason;
      return {
        failure: ConnectionError.isInstance(error) ? cut(error) : asJobError(error, this.#id),
      };
    }
  }

  /** `lunos.job`: the job this stream is of, and its wire (which picks the interpreter). */
  #announce(data: string): void {
    let job: { id?: unknown; wire?: unknown } = {};
    try {
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed === 'object' && parsed !== null) job = parsed;
    } catch {
      // Said below.
    }
    if (job.id !== this.#id) {
      throw new InvalidResponseError(
        `The stream of job ${this.#id} announced another job: ${quoteBody(data, this.#plan.secret)}`,
      );
    }
    const wire = job.wire;
    if (typeof wire !== 'string' || !Object.hasOwn(generationWires, wire)) {
      throw new InvalidResponseError(
        `The job ${this.#id} speaks no wire this client reads: ${quoteBody(data, this.#plan.secret)}`,
      );
    }
    if (this.#wire !== undefined && wire !== this.#wire) {
      throw new InvalidResponseError(`The job ${this.#id} speaks ${wire}, not ${this.#wire}`);
    }
    this.#wire = wire as ImageApi;
    this.#interpreter ??= interpreterFor(generationWires[this.#wire], this.#plan);
  }

  /** An event of the wire → its events, its job images fetched first; `last`: nothing after it matters. */
  async #interpret(item: TEventItem): Promise<{ events: ImageStreamEvent[]; last: boolean }> {
    const interpreter = this.#interpreter as StreamInterpreter;
    const wire = generationWires[this.#wire as ImageApi];
    if (item.event === 'lunos.answer') {
      let json: unknown;
      try {
        json = parseEventJson(item.data, item.images);
      } catch (cause) {
        throw new InvalidResponseError(
          `The answer of job ${this.#id} is not JSON: ${quoteBody(eventDataText(item), this.#plan.secret)}`,
          { cause },
        );
      }
      const fetched = await this.#fetchImages(json);
      const images = [...(item.images ?? []), ...fetched];
      return { events: wire.answerEvents(json, this.#plan.events, images), last: true };
    }
    let read = item;
    if (item.data.includes(this.#imageMarker)) {
      let json: unknown;
      try {
        json = parseEventJson(item.data, item.images);
      } catch {
        json = undefined; // Not JSON: the interpreter says so, quoting it.
      }
      const fetched = json === undefined ? [] : await this.#fetchImages(json);
      if (fetched.length > 0) {
        read = {
          ...item,
          data: JSON.stringify(json),
          images: [...(item.images ?? []), ...fetched],
        };
      }
    }
    const events = interpreter.push(read);
    return { events, last: interpreter.done };
  }

  /**
   * Fetches every image of this job that `json` names by URL and puts a ref to its bytes in its
   * place, as the SSE parser does for a base64 image (`SseImageBytes`): the interpreters read
   * either the same way. A URL that is not this job's image route below `baseURL` is not fetched.
   */
  async #fetchImages(json: unknown): Promise<SseImageBytes[]> {
    const plan = this.#plan;
    const images: SseImageBytes[] = [];
    for (const slot of jobImageSlots(json, this.#wire as ImageApi)) {
      const url = jobImageTarget(slot.url, plan.baseURL, this.#id);
      if (url === undefined) continue;
      // The handler keeps an image sent twice once, under one URL: fetched once too.
      let image = this.#fetched.get(url);
      if (image === undefined) image = await this.#fetchImage(url);
      const ref = `\0lunos-image-job:${this.#refTag}:${this.#refCount++}`;
      images.push({ ref, mediaType: image.mediaType, parts: image.parts });
      slot.holder[slot.target] = ref;
      if (slot.key !== slot.target) delete slot.holder[slot.key];
    }
    return images;
  }

  /** One image of this job, its bytes counted against `maxResponseBytes` with the others'. */
  async #fetchImage(url: string): Promise<FetchedJobImage> {
    const plan = this.#plan;
    let image: FetchedJobImage;
    try {
      image = await fetchJobImage(
        url,
        {
          fetch: plan.fetch,
          headers: plan.headers,
          maxRetries: plan.maxRetries,
          maxImageBytes: plan.events.maxImageBytes,
          maxBytes: plan.maxResponseBytes,
          secret: plan.secret,
        },
        this.#run,
      );
    } catch (error) {
      throw asJobError(error, this.#id);
    }
    this.#imageBytes += image.byteLength;
    if (this.#imageBytes > plan.maxResponseBytes) {
      throw new ResponseTooLargeError({
        limit: 'maxResponseBytes',
        max: plan.maxResponseBytes,
        received: this.#imageBytes,
      });
    }
    this.#fetched.set(url, image);
    return image;
  }

  /** `lunos.end`: the run's last events, or its typed error. */
  #end(data: string): ImageStreamEvent[] {
    let end: { status?: unknown; error?: { code?: unknown; message?: unknown } } = {};
    try {
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed === 'object' && parsed !== null) end = parsed;
    } catch {
      // Said below.
    }
    const status = end.status;
    if (typeof status !== 'string' || !END_STATUSES.has(status)) {
      throw new InvalidResponseError(
        `The job ${this.#id} ended in a way this client does not know: ${quoteBody(data, this.#plan.secret)}`,
      );
    }
    const interpreter = this.#interpreter as StreamInterpreter;
    // Done, or ended otherwise once the run had its result (a finish reason, a completed
    // image): the end a closed stream has today (a cut run's error if it had none).
    if (status === 'done' || interpreter.finished) return interpreter.end(this.#run.bytesReceived);
    if (status === 'lost') throw new JobLostError(this.#id);
    const said = typeof end.error?.message === 'string' ? `: ${end.error.message}` : '';
    const code = end.error?.code;
    throw new StreamError({
      message:
        status === 'stopped'
          ? `The job ${this.#id} was stopped before it finished${said}`
          : status === 'expired'
            ? `The job ${this.#id} ran out of the route handler's time (maxRunMs)${said}`
            : `The job ${this.#id} failed${said}`,
      code: typeof code === 'number' || typeof code === 'string' ? code : undefined,
      errorType: `job_${status}`,
    });
  }
}

/** A job stream event's `id:` as a number (1, 2, 3…). */
function jobEventId(id: string): number {
  if (!/^[0-9]{1,15}$/.test(id)) {
    throw new InvalidResponseError(
      `A job stream event has no event id (got ${JSON.stringify(id.slice(0, 20))})`,
    );
  }
  return Number(id);
}

/** A random part for this job's image refs: the server never sees it, so it cannot forge one. */
function randomTag(): string {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return Array.from(words, (word) => word.toString(36)).join('');
}
