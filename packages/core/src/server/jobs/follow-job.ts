import type { ImageApi } from '../../models/image-model';
import { HEARTBEAT } from '../relay-sse';
import type { JobEvent, JobStore } from './job-store';

export interface FollowJobOptions {
  readonly store: JobStore;
  readonly id: string;
  readonly wire: ImageApi;
  /** Events with an id above this are sent (`Last-Event-ID`; 0 from the start). */
  readonly after: number;
  /** A `: keep-alive` line after this long without an event; 0: none. */
  readonly heartbeatMs: number;
  /** Without heartbeats, how long one wait for events lasts before the runner's lease is looked at. */
  readonly beatMs: number;
}

const encoder = new TextEncoder();

/** One event as SSE: `id:`, `event:` when named, one `data:` line per line of its data. */
export function formatSseEvent(event: { id?: number; event?: string | undefined; data: string }) {
  let text = event.id === undefined ? '' : `id: ${event.id}\n`;
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  for (const line of event.data.split('\n')) text += `data: ${line}\n`;
  return encoder.encode(`${text}\n`);
}

/**
 * A job's event stream, from `lunos.job` through the stored events after `after` to `lunos.end`:
 * the events stored so far at once, then the new ones as the store's blocking `read` hands them
 * over, with a heartbeat whenever a wait passes without one. When a wait ends with nothing new,
 * the job's state decides: ended without its `lunos.end` in sight (a runner that could not write
 * it) ends with one of its status; still running on a lease that has lapsed (its instance died)
 * ends with `lunos.end {"status":"lost"}`; never a hang. The reader leaving cancels the wait.
 * A store that fails errors the stream: the client reconnects from the last event.
 */
export function followJob(options: FollowJobOptions): ReadableStream<Uint8Array> {
  const { store, id, wire } = options;
  const cancelled = new AbortController();
  let after = options.after;
  let started = false;
  const waitMs = options.heartbeatMs > 0 ? options.heartbeatMs : options.beatMs;
  const end = (controller: ReadableStreamDefaultController<Uint8Array>, status: string) => {
    controller.enqueue(formatSseEvent({ event: 'lunos.end', data: JSON.stringify({ status }) }));
    controller.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(
            formatSseEvent({ event: 'lunos.job', data: JSON.stringify({ id, wire }) }),
          );
          return;
        }
        for (;;) {
          let events: JobEvent[];
          try {
            events = await store.read(id, after, { waitMs, signal: cancelled.signal });
          } catch (error) {
            if (!cancelled.signal.aborted) controller.error(error);
            return;
          }
          if (cancelled.signal.aborted) return;
          if (events.length > 0) {
            for (const event of events) {
              controller.enqueue(formatSseEvent(event));
              after = event.id;
              if (event.event === 'lunos.end') {
                controller.close();
                return;
              }
            }
            return;
          }
          let state: Awaited<ReturnType<JobStore['get']>>;
          try {
            state = await store.get(id);
          } catch (error) {
            if (!cancelled.signal.aborted) controller.error(error);
            return;
          }
          if (cancelled.signal.aborted) return;
          // Expired while followed: what was kept is gone, and so is its runner.
          if (!state) return end(controller, 'lost');
          if (state.lastEventId > after) continue;
          if (state.status) return end(controller, state.status);
          if (state.leaseUntil < Date.now()) return end(controller, 'lost');
          if (options.heartbeatMs > 0) {
            controller.enqueue(HEARTBEAT);
            return;
          }
        }
      },
      cancel() {
        cancelled.abort();
      },
    },
    { highWaterMark: 0 },
  );
}
