import { findTracer } from '../../telemetry/find-tracer';
import { GenerationSpan } from '../../telemetry/generation-span';
import { inputMessages } from '../../telemetry/input-messages';
import { relayBody } from '../relay-body';
import { AnswerWatcher } from './answer-watcher';

/** The handler's `telemetry` option, resolved once. */
export interface HandlerTelemetry {
  /** The dialect: `gen_ai.provider.name`. */
  readonly provider: string;
  readonly recordPrompt: boolean;
}

/** What a generation request asked for: its wire and the body as it goes upstream. */
export interface TracedRequest {
  readonly wire: string;
  readonly body: unknown;
}

/**
 * `answer()`, the handler's answer to a checked generation, with a span around it when a tracer
 * provider is registered: it ends when the answer's body has been sent (or failed, or the
 * browser left). The body is passed on read for read (nothing queued ahead) and watched on the
 * way (`AnswerWatcher`). Without a tracer, `answer()` as it is.
 */
export async function traceGeneration(
  telemetry: HandlerTelemetry | undefined,
  request: TracedRequest,
  answer: () => Promise<Response>,
): Promise<Response> {
  const tracer = telemetry && findTracer();
  if (!telemetry || !tracer) return answer();
  const body = (request.body ?? {}) as { model?: unknown; prompt?: unknown; messages?: unknown };
  const span = new GenerationSpan(tracer, {
    provider: telemetry.provider,
    api: request.wire,
    model: typeof body.model === 'string' ? body.model : undefined,
    ...(telemetry.recordPrompt && { inputMessages: inputMessages(body.prompt, body.messages) }),
  });
  let response: Response;
  try {
    response = await answer();
  } catch (error) {
    span.fail('_OTHER');
    span.end();
    throw error;
  }
  span.jobId(response.headers.get('x-lunos-job-id') ?? undefined);
  const cache = response.headers.get('x-lunos-cache');
  if (cache !== null) span.cacheHit(cache === 'hit');
  if (!response.ok) span.fail(String(response.status));
  if (!response.ok || !response.body) {
    span.end();
    return response;
  }
  const type = response.headers.get('content-type') ?? '';
  const watcher = new AnswerWatcher(span, type.includes('text/event-stream') ? 'sse' : 'json');
  return new Response(watched(response.body, span, watcher), response);
}

/** The answer's bytes, unchanged, shown to the watcher on their way; the span ends with them. */
function watched(
  body: ReadableStream<Uint8Array>,
  span: GenerationSpan,
  watcher: AnswerWatcher,
): ReadableStream<Uint8Array> {
  let watching = true;
  // Telemetry never breaks an answer: a watcher that throws stops watching, the bytes go on.
  const watch = (step: () => void) => {
    if (!watching) return;
    try {
      step();
    } catch {
      watching = false;
    }
  };
  return relayBody(
    body,
    // The browser left: a failure unless the answer had said all it had to.
    () => {
      if (!watcher.finished) span.fail('cancelled');
    },
    (how) => {
      if (how === 'failed') span.fail('stream_error');
      if (how === 'done') watch(() => watcher.end());
      span.end();
    },
    (chunk) => {
      span.firstByte();
      watch(() => watcher.push(chunk));
    },
  );
}
