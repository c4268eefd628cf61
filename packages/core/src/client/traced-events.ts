import type { ImageStreamEvent } from '../stream/image-stream-event';
import type { GenerationSpan } from '../telemetry/generation-span';
import { errorType } from '../telemetry/generation-span';
import type { RunSignal } from './run-signal';

type TBatches = AsyncGenerator<ImageStreamEvent[], void, undefined>;

/** One event's part of the span: images, usage, the finish, an in-band error. */
function record(span: GenerationSpan, event: ImageStreamEvent): void {
  switch (event.type) {
    case 'image':
      span.image(event.image.byteLength);
      return;
    case 'usage':
      span.usage(event.usage);
      return;
    case 'finish':
      span.response({ id: event.id, model: event.model, reason: event.reason });
      return;
    case 'error':
      span.fail(errorType(event.error));
      return;
  }
}

/**
 * The events of `source` passed on as they are, watched on the way: the span (made when the run
 * is first pulled, by `open`) records what they say and ends with the run, however it ends. It
 * reads the run (first byte, job id, why it stopped) and calls nothing back.
 */
export async function* tracedEvents(
  source: TBatches,
  run: RunSignal,
  open: () => GenerationSpan,
): TBatches {
  const span = open();
  let settled = false;
  try {
    for await (const batch of source) {
      for (const event of batch) record(span, event);
      yield batch;
    }
    settled = true;
  } catch (error) {
    settled = true;
    span.fail(errorType(error));
    throw error;
  } finally {
    // Left early (a break, abort(), an in-band error the stream threw after this batch).
    if (!settled && run.reason) span.fail(errorType(run.reason));
    if (run.firstByteAt !== undefined) span.firstByte(run.firstByteAt);
    span.jobId(run.jobId);
    span.end();
  }
}
