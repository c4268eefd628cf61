import { LunosImageError } from '../errors/lunos-image-error';
import type { TelemetryAttributeValue, TelemetrySpan, TelemetryTracer } from './telemetry-tracer';

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
  /** Set on the span when it ends; undefined and non-finite values are left out. */
  readonly #end: Record<string, TelemetryAttributeValue | undefined> = {
    'lunos_image.image_count': 0,
    'lunos_image.image_bytes': 0,
  };
  #ended = false;

  constructor(tracer: TelemetryTracer, start: GenerationSpanStart) {
    const attributes: Record<string, TelemetryAttributeValue> = {
      'gen_ai.operation.name': OPERATION,
      'gen_ai.provider.name': start.provider,
      'gen_ai.system': start.provider,
    };
    if (start.api) attributes['lunos_image.api'] = start.api;
    if (start.model) attributes['gen_ai.request.model'] = start.model;
    if (start.inputMessages) attributes['gen_ai.input.messages'] = start.inputMessages;
    this.#span = tracer.startSpan(start.model ? `${OPERATION} ${start.model}` : OPERATION, {
      kind: SPAN_KIND_CLIENT,
      attributes,
    });
  }

  /** The answer's first byte arrived (at `at`, epoch ms; the first call counts). */
  firstByte(at = Date.now()): void {
    this.#end['lunos_image.time_to_first_byte_ms'] ??= Math.max(0, at - this.#startedAt);
  }

  /** An image arrived (not a preview): `bytes`, its decoded size, when known. */
  image(bytes: number | undefined): void {
    const end = this.#end as Record<string, number>;
    end['lunos_image.image_count'] = (end['lunos_image.image_count'] ?? 0) + 1;
    end['lunos_image.image_bytes'] = (end['lunos_image.image_bytes'] ?? 0) + (bytes ?? 0);
    end['lunos_image.time_to_first_image_ms'] ??= Date.now() - this.#startedAt;
  }

  usage(usage: SpanUsage): void {
    this.#end['gen_ai.usage.input_tokens'] = usage.promptTokens;
    this.#end['gen_ai.usage.output_tokens'] = usage.completionTokens;
    this.#end['lunos_image.cost_usd'] = usage.cost;
  }

  /** What the finish said: the answer's id, the model that answered, why it stopped. */
  response(finish: {
    id?: string | undefined;
    model?: string | undefined;
    reason?: string | null;
  }) {
    this.#end['gen_ai.response.id'] ??= finish.id;
    this.#end['gen_ai.response.model'] ??= finish.model;
    if (typeof finish.reason === 'string') {
      this.#end['gen_ai.response.finish_reasons'] = [finish.reason];
    }
  }

  jobId(id: string | undefined): void {
    this.#end['lunos_image.job_id'] = id;
  }

  cacheHit(hit: boolean): void {
    this.#end['lunos_image.cache_hit'] = hit;
  }

  /**
   * The run failed: `type` is a low-cardinality name (`errorType`, a status code). The first
   * failure told stands (an in-band error, not the abort that follows it).
   */
  fail(type: string): void {
    if (this.#end['error.type'] !== undefined) return;
    this.#end['error.type'] = type;
    this.#span.setStatus({ code: STATUS_ERROR, message: type });
  }

  /** Records what was told and ends the span (once). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const [key, value] of Object.entries(this.#end)) {
      if (value !== undefined && (typeof value !== 'number' || Number.isFinite(value))) {
        this.#span.setAttribute(key, value);
      }
    }
    this.#span.end();
  }
}
