import { resolveImageApi } from '../models/resolve-image-api';
import type { DialectName } from '../request/dialect';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { GenerationSpan } from '../telemetry/generation-span';
import { inputMessages } from '../telemetry/input-messages';
import type { TelemetryTracer } from '../telemetry/telemetry-tracer';
import { generationEvents } from './generation-events';
import type { GenerationPlan } from './generation-plan';
import type { RunSignal } from './run-signal';
import { tracedEvents } from './traced-events';

/** What a generation's span is told at its start, when a tracer is on. */
export interface GenerationTrace {
  tracer: TelemetryTracer;
  /** The client's dialect: the span's provider. */
  dialect: DialectName;
  /** Whether the span records the prompt (`telemetry.recordPrompt`). */
  recordsPrompt: boolean;
}

/**
 * One generation's events, from the plan: the request, the answer read and interpreted, the job
 * followed, traced when `trace` is given. A module of its own: the client loads it by `import()`
 * at the first generation, so a page that creates a client loads none of it up front.
 */
export function generationRun(
  plan: GenerationPlan,
  run: RunSignal,
  trace: GenerationTrace | undefined,
): AsyncGenerator<ImageStreamEvent[], void, undefined> {
  const events = generationEvents(plan, run);
  if (!trace) return events;
  const { start } = plan;
  const { dialect } = trace;
  return tracedEvents(
    events,
    run,
    () =>
      new GenerationSpan(
        trace.tracer,
        'jobId' in start
          ? { provider: dialect, api: undefined, model: undefined }
          : {
              provider: dialect,
              api: resolveImageApi(start.variables, { dialect, model: start.model }),
              model: start.variables.model,
              ...(trace.recordsPrompt && {
                inputMessages: inputMessages(start.variables.prompt, start.variables.messages),
              }),
            },
      ),
  );
}
