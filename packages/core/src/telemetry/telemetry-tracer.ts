/** A span attribute value, as OpenTelemetry takes it. */
export type TelemetryAttributeValue = string | number | boolean | string[];

/**
 * The part of an OpenTelemetry `Span` core uses: `@opentelemetry/api`'s spans fit it, so core's
 * types need nothing from that package (an optional peer dependency).
 */
export interface TelemetrySpan {
  /** One attribute: a GenAI convention's (`gen_ai.*`), `error.type`, or ours (`lunos_image.*`). */
  setAttribute(key: string, value: TelemetryAttributeValue): unknown;
  /** `code` 2 (`SpanStatusCode.ERROR`) when the generation failed. */
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** The part of an OpenTelemetry `Tracer` core uses (`trace.getTracer(…)` gives one). */
export interface TelemetryTracer {
  /** A span of kind `CLIENT` (2) with the attributes known at the start. */
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Record<string, TelemetryAttributeValue> },
  ): TelemetrySpan;
}

/** What the handler's `telemetry` option takes. */
export interface HandlerTelemetryOptions {
  /**
   * Record the prompt as `gen_ai.input.messages` (default false: prompts are what users type,
   * often personal).
   */
  recordPrompt?: boolean | undefined;
}

/** What the client's `telemetry` option takes. */
export interface ClientTelemetryOptions {
  /** As the handler's: the prompt as `gen_ai.input.messages` (default false). */
  recordPrompt?: boolean | undefined;
  /**
   * The tracer to record with. Default: the tracer provider registered with
   * `@opentelemetry/api` (`trace.setGlobalTracerProvider`, which every OpenTelemetry SDK calls),
   * found without importing the package.
   */
  tracer?: TelemetryTracer | undefined;
}
