import { InvalidResponseError } from '../errors/invalid-response-error';
import { scrubSecret } from '../errors/redact-secret';
import { StreamTruncatedError } from '../errors/stream-errors';
import { AbortError, ConnectionError } from '../errors/transport-errors';
import { knownOutputModalities } from '../models/known-output-modalities';
import { resolveImageApi } from '../models/resolve-image-api';
import { routePath } from '../routes/route-path';
import { decodeSseBatches } from '../sse/decode-sse-batches';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import type { GenerationWire } from '../wires/generation-wire';
import { generationWires } from '../wires/generation-wires';
import { answerFormat } from './answer-format';
import { budgetRemainingUsd } from './budget-remaining-usd';
import { MAX_QUOTED_BODY_BYTES } from './default-limits';
import { type GenerationPlan, interpreterFor, sseParserOptions } from './generation-plan';
import { asJobError, jobEvents } from './job-events';
import { isJobId } from './job-id';
import { MeteredBody } from './metered-body';
import { quoteBody } from './quote-body';
import { readJson } from './read-json';
import type { RunSignal } from './run-signal';
import { type SentResponse, sendWithRetry } from './send-with-retry';
import { unreadableAnswerError } from './unreadable-answer-error';

/** The response header naming the job a route handler with `jobs` made of the generation. */
const JOB_ID_HEADER = 'x-lunos-job-id';

type TBatches = AsyncGenerator<ImageStreamEvent[], void, undefined>;

/**
 * The events of one generation, one batch per network read: builds the request, sends it (with
 * retries before the first byte), and turns the answer, SSE or JSON, into `ImageStreamEvent`s;
 * a route handler's job (`x-lunos-job-id`, or `resumeImage`) is read across reconnects by
 * `jobEvents`. It only reads `plan` and reports to `run`; whoever iterates it owns the run.
 * Leaving early (break, error, abort) stops the run, which cancels the request and the body read.
 */
export async function* generationEvents(plan: GenerationPlan, run: RunSignal): TBatches {
  run.start();
  let finished = false;
  try {
    for await (const batch of answerEvents(plan, run)) {
      for (const event of batch) {
        if (event.type === 'error' || event.type === 'image-error') {
          scrubSecret(event.error, plan.secret);
        }
      }
      yield batch;
    }
    finished = true;
  } catch (error) {
    throw scrubSecret(error, plan.secret);
  } finally {
    if (!finished) run.abort(new AbortError('The stream was closed before it finished'));
    run.dispose();
  }
}

async function* answerEvents(plan: GenerationPlan, run: RunSignal): TBatches {
  const start = plan.start;
  if ('jobId' in start) {
    yield* resumedJobEvents(start.jobId, plan, run);
    return;
  }
  const { variables, model } = start;
  const api = resolveImageApi(variables, { dialect: plan.request.dialect, model });
  const wire = generationWires[api];
  const request = await wire.build(variables, plan.request);
  for (const warning of request.warnings) plan.onWarning(warning);
  run.check();
  const sent = await sendWithRetry({
    url: request.url,
    init: { method: 'POST', headers: { ...request.headers, ...plan.headers }, body: request.body },
    fetch: plan.fetch,
    run,
    maxRetries: plan.maxRetries,
    errorContext: {
      secret: plan.secret,
      model: variables.model,
      outputModalities: knownOutputModalities(model ?? variables.model),
    },
    maxResponseBytes: plan.maxResponseBytes,
  });
  const budget = budgetRemainingUsd(sent.response.headers);
  if (budget !== undefined) run.budget(budget);
  const contentType = sent.response.headers.get('content-type') ?? '';
  const format = answerFormat(contentType);
  // A route handler with jobs: its generation runs on whatever happens to this connection.
  const jobId = sent.response.headers.get(JOB_ID_HEADER);
  if (jobId !== null && format === 'sse') {
    if (!isJobId(jobId)) {
      sent.reader.cancel().catch(() => {});
      throw new InvalidResponseError(
        `The answer names a job whose id is no job id: ${quoteBody(jobId, plan.secret)}`,
      );
    }
    yield* jobEvents({ id: jobId, wire: api, sent }, plan, run);
    return;
  }
  const body = new MeteredBody(sent.reader, {
    maxBytes: plan.maxResponseBytes,
    first: sent.first,
    run,
    what: format === 'sse' ? 'The stream broke' : 'Reading the answer failed',
  });
  if (format === 'sse') {
    yield* sseEvents(body, run, plan, wire);
    return;
  }
  if (format === 'other') {
    throw await unreadableAnswerError({
      body,
      contentType,
      what: 'The answer',
      expected: 'JSON or SSE',
      secret: plan.secret,
      maxBytes: Math.min(plan.maxResponseBytes, MAX_QUOTED_BODY_BYTES),
    });
  }
  const what = `The answer (content-type ${contentType || 'missing'})`;
  const json = await readJson(body, what, plan.secret);
  run.check();
  yield wire.answerEvents(json, plan.events);
}

/** `resumeImage`: a job of the route handler read from its start, its wire from `lunos.job`. */
async function* resumedJobEvents(jobId: string, plan: GenerationPlan, run: RunSignal): TBatches {
  let sent: SentResponse;
  try {
    sent = await sendWithRetry({
      url: `${plan.baseURL}${routePath('job', { id: jobId })}`,
      init: { method: 'GET', headers: { ...plan.headers, accept: 'text/event-stream' } },
      fetch: plan.fetch,
      run,
      maxRetries: plan.maxRetries,
      errorContext: { secret: plan.secret },
      maxResponseBytes: plan.maxResponseBytes,
    });
  } catch (error) {
    throw asJobError(error, jobId);
  }
  yield* jobEvents({ id: jobId, wire: undefined, sent }, plan, run);
}

/** An SSE answer: each read's items interpreted together, so they arrive as one batch. */
async function* sseEvents(
  body: MeteredBody,
  run: RunSignal,
  plan: GenerationPlan,
  wire: GenerationWire,
): TBatches {
  const interpreter = interpreterFor(wire, plan);
  const reads = decodeSseBatches(body, sseParserOptions(plan));
  try {
    for await (const items of reads) {
      const batch: ImageStreamEvent[] = [];
      for (const item of items) batch.push(...interpreter.push(item));
      if (batch.length > 0) yield batch;
      // `[DONE]` or an in-band error: nothing after it matters (leaving cancels the body).
      if (interpreter.done) return;
    }
  } catch (error) {
    // A dropped connection after a finish reason is a complete run; before it, a cut one.
    if (run.reason || !ConnectionError.isInstance(error)) throw error;
    if (!interpreter.finished) {
      throw new StreamTruncatedError(
        `The connection dropped after ${run.bytesReceived} bytes, before the generation finished`,
        run.bytesReceived,
        { cause: error, reason: 'dropped' },
      );
    }
  }
  run.check();
  const tail = interpreter.end(run.bytesReceived);
  if (tail.length > 0) yield tail;
}
