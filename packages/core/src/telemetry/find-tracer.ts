import type { TelemetryTracer } from './telemetry-tracer';

/**
 * Where `@opentelemetry/api` 1.x keeps what was registered globally (its `GLOBAL_OPENTELEMETRY_API_KEY`),
 * the same in every copy of the package that an app ends up bundling.
 */
const API_GLOBAL = Symbol.for('opentelemetry.js.api.1');

interface TracerProviderLike {
  getTracer(name: string, version?: string): TelemetryTracer;
}

/** The name the tracer is asked for under (instrumentation scope). */
export const TRACER_NAME = '@lunos-image/core';

/**
 * The tracer of the globally registered OpenTelemetry tracer provider, read from the API's global
 * registration instead of importing `@opentelemetry/api`: nothing to resolve when the package is
 * absent (no failed import, nothing a bundler must be told to leave out, no top-level await), and
 * the same in Node, browsers, Workers and bundles. Undefined when no provider is registered:
 * then no span is made. Looked up per generation, so a provider registered after the client was
 * made is used.
 */
export function findTracer(): TelemetryTracer | undefined {
  const api = (globalThis as Record<symbol, { trace?: TracerProviderLike } | undefined>)[
    API_GLOBAL
  ];
  const provider = api?.trace;
  if (typeof provider?.getTracer !== 'function') return undefined;
  try {
    return provider.getTracer(TRACER_NAME);
  } catch {
    return undefined;
  }
}
