import { redactText, scrubSecret } from '../errors/redact-secret';
import { StreamTruncatedError } from '../errors/stream-errors';
import { AbortError, ConnectionError } from '../errors/transport-errors';
import type { ImageModel } from '../models/image-model';
import { knownOutputModalities } from '../models/known-output-modalities';
import { resolveImageApi } from '../models/resolve-image-api';
import type { BuildChatRequestOptions } from '../request/build-chat-request';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import { decodeSseBatches } from '../sse/decode-sse-batches';
import type { ImageEventOptions } from '../stream/image-event-builder';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import type { StreamInterpreter } from '../stream/stream-interpreter';
import type { GenerationWire } from '../wires/generation-wire';
import { generationWires } from '../wires/generation-wires';
import { answerFormat } from './answer-format';
import { MAX_QUOTED_BODY_BYTES } from './default-limits';
import { MeteredBody } from './metered-body';
import { readJson } from './read-json';
import type { RunSignal } from './run-signal';
import { sendWithRetry } from './send-with-retry';
import { unreadableAnswerError } from './unreadable-answer-error';

type TBatches = AsyncGenerator<ImageStreamEvent[], void, undefined>;

/** Everything one generation needs, as data: the client's settings resolved for this call. */
export interface GenerationPlan {
  variables: GenerateImageVariables;
  /** The model's catalog entry, when the caller passed it. */
  model: ImageModel | undefined;
  request: BuildChatRequestOptions;
  /** Sent with every request: the caller's headers and the authorization. */
  headers: Record<string, string>;
  fetch: typeof fetch;
  maxRetries: number;
  maxResponseBytes: number;
  maxEventBytes: number | undefined;
  events: ImageEventOptions;
  /** The key, to scrub from every error and every quoted piece of an answer. */
  secret: string | undefined;
  onWarning: (warning: string) => void;
}

/**
 * The events of one generation, one batch per network read: builds the request, sends it (with
 * retries before the first byte), and turns the answer, SSE or JSON, into `ImageStreamEvent`s.
 * It only reads `plan` and reports to `run`; whoever iterates it owns the run. Leaving early
 * (break, error, abort) stops the run, which cancels the request and the body read.
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
  const api = resolveImageApi(plan.variables, { dialect: plan.request.dialect, model: plan.model });
  const wire = generationWires[api];
  const request = await wire.build(plan.variables, plan.request);
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
      model: plan.variables.model,
      outputModalities: knownOutputModalities(plan.model ?? plan.variables.model),
    },
    maxResponseBytes: plan.maxResponseBytes,
  });
  const contentType = sent.response.headers.get('content-type') ?? '';
  const format = answerFormat(contentType);
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

/** An SSE answer: each read's items interpreted together, so they arrive as one batch. */
async function* sseEvents(
  body: MeteredBody,
  run: RunSignal,
  plan: GenerationPlan,
  wire: GenerationWire,
): TBatches {
  const interpreter: StreamInterpreter = wire.interpreter({
    ...plan.events,
    redact: (text) => redactText(text, [plan.secret]),
  });
  // Long base64 image strings are decoded from the network bytes as they arrive, never made
  // into a 20 MB string first (the interpreters resolve the parser's refs to those bytes).
  const reads = decodeSseBatches(
    body,
    plan.maxEventBytes === undefined
      ? { imageBytes: true }
      : { imageBytes: true, maxEventBytes: plan.maxEventBytes },
  );
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
