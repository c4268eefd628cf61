import { decodeSse } from '@lunos-image/core';

/** One event of a job stream as the test reads it. */
export interface JobStreamEvent {
  /** The event's id; `undefined` for `lunos.job`, which has none. */
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/**
 * The events of a job stream as they arrive, read raw over HTTP with core's SSE decoder; the
 * client's own reading of job streams (reconnects, typed ends) is tested with the client.
 */
export async function* jobStreamEvents(response: Response): AsyncGenerator<JobStreamEvent> {
  if (!response.body) return;
  for await (const item of decodeSse(response.body)) {
    if (item.type === 'event')
      yield { id: item.id || undefined, event: item.event, data: item.data };
  }
}
