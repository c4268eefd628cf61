/**
 * Why `value` cannot be the `telemetry` option, as `[path, message]`, or undefined: `false`, or
 * an object with a boolean `recordPrompt` and (the client's only) a `tracer` with `startSpan`.
 */
export function telemetryOptionProblem(
  value: unknown,
  takesTracer: boolean,
): [path: string, message: string] | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['telemetry', 'must be an object or false'];
  }
  const { recordPrompt, tracer } = value as { recordPrompt?: unknown; tracer?: unknown };
  if (recordPrompt !== undefined && typeof recordPrompt !== 'boolean') {
    return ['telemetry.recordPrompt', 'must be true or false'];
  }
  if (tracer === undefined) return undefined;
  if (!takesTracer)
    return ['telemetry.tracer', 'is a client option: the handler uses the global tracer provider'];
  if (typeof (tracer as { startSpan?: unknown } | null)?.startSpan !== 'function') {
    return ['telemetry.tracer', 'must be an OpenTelemetry Tracer (an object with startSpan)'];
  }
  return undefined;
}
