import { LunosImageError } from '../errors/lunos-image-error';
import type { TelemetrySpan, TelemetryTracer } from './telemetry-tracer';

/** OpenTelemetry's `SpanKind.CLIENT` and `SpanStatusCode.ERROR` (numbers: nothing imported). */
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/**
 * The GenAI semantic conventions have no image operation: `generate_content` is their value for
 * multimodal generation, and a well-known value that applies must be used.
 */
const OPERATION = 'generate_content';

/** What is known when a generation starts. */
export interface GenerationSpanStart {
  /** The dialect (`lunos`, `openrouter`): `gen_ai.provider.name`. */
  provider: string;
  /** `chat` or `images`; undefined when reading a job back (`resumeImage`). */
  api: string | undefined;
  model: string | undefined;
  /** `gen_ai.input.messages` (JSON), only with `recordPrompt`. */
  inputMessages?: string | undefined;
}

/** The usage of a run, as both sides read it. */
export interface SpanUsage {
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  cost: number | undefined;
}

/** A low-cardinality name for what a run failed with: the error class, or `_OTHER`. */
export function errorType(error: unknown): string {
  return LunosImageError.isInstance(error) ? error.name : '_OTHER';
}

/**
 * One generation's span, fed what the run produced (its events, its answer's bytes) and ended
 * once: the GenAI conventions' attributes plus `lunos_image.*`. It only records what it is told,
 * never the key or image data; the prompt only when the caller asked for it.
 */
export class GenerationSpan {
  readonly #span: TelemetrySpan;
  readonly #startedAt = Date.now();
  #images = 0;
  #imageBytes = 0;
  #firstByteMs: number | undefined;
  #firstImageMs: number | undefined;
  #failed = false;
  #ended = false;

  constructor(tracer: TelemetryTracer, start: GenerationSpanStart) {
    this.#span = tracer.startSpan(
      start.model === undefined ? OPERATION : `${OPERATION} ${start.model}`,
      {
        kind: SPAN_KIND_CLIENT,
        attributes: {
          'gen_ai.operation.name': OPERATION,
          'gen_ai.provider.name': start.provider,
          'gen_ai.system': start.provider,
          ...(start.api !== undefined && { 'lunos_image.api': start.api }),
          ...(start.model !== undefined && { 'gen_ai.request.model': start.model }),
          ...(start.inputMessages !== undefined && {
            'gen_ai.input.messages': start.inputMessages,
          }),
        },
      },
    );
  }

  /** The answer's first byte arrived (at `at`, epoch ms; the first call counts). */
  firstByte(at = Date.now()): void {
    this.#firstByteMs ??= Math.max(0, at - this.#startedAt);
  }

  /** An image arrived (not a preview): `bytes`, its decoded size, when known. */
  image(bytes: number | undefined): void {
    this.#images += 1;
    if (bytes !== undefined) this.#imageBytes += bytes;
    this.#firstImageMs ??= Date.now() - this.#startedAt;
  }

  usage(usage: SpanUsage): void {
    this.#set('gen_ai.usage.input_tokens', usage.promptTokens);
    this.#set('gen_ai.usage.output_tokens', usage.completionTokens);
    this.#set('lunos_image.cost_usd', usage.cost);
  }

  /** What the finish said: the answer's id, the model that answered, why it stopped. */
  response(finish: {
    id?: string | undefined;
    model?: string | undefined;
    reason?: string | null;
  }) {
    this.#set('gen_ai.response.id', finish.id);
    this.#set('gen_ai.response.model', finish.model);
    if (typeof finish.reason === 'string') {
      this.#span.setAttribute('gen_ai.response.finish_reasons', [finish.reason]);
    }
  }

  jobId(id: string | undefined): void {
    this.#set('lunos_image.job_id', id);
  }

  cacheHit(hit: boolean): void {
    this.#span.setAttribute('lunos_image.cache_hit', hit);
  }

  /**
   * The run failed: `type` is a low-cardinality name (`errorType`, a status code). The first
   * failure told stands (an in-band error, not the abort that follows it).
   */
  fail(type: string): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#span.setAttribute('error.type', type);
    this.#span.setStatus({ code: STATUS_ERROR, message: type });
  }

  /** Records the counts and ends the span (once). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#span.setAttribute('lunos_image.image_count', this.#images);
    this.#span.setAttribute('lunos_image.image_bytes', this.#imageBytes);
    this.#set('lunos_image.time_to_first_byte_ms', this.#firstByteMs);
    this.#set('lunos_image.time_to_first_image_ms', this.#firstImageMs);
    this.#span.end();
  }

  #set(key: string, value: string | number | undefined): void {
    if (value !== undefined && (typeof value === 'string' || Number.isFinite(value))) {
      this.#span.setAttribute(key, value);
    }
  }
}
