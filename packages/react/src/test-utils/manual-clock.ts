import { type Clock, realClock } from '@lunos-image/msw';

export interface ManualClock extends Clock {
  /** Moves time on by `ms`, firing due timers in order and letting promises settle between them. */
  advance(ms: number): Promise<void>;
  /** Fires timers one by one (settling in between) until `done()` holds; throws if they run out. */
  until(done: () => boolean): Promise<void>;
  /** Timers waiting for time to move. */
  pending(): number;
}

/**
 * The replay's clock for tests that pause a stream between two events: a wait longer than 0 ms
 * lasts until the test advances the clock, so "mid-stream" is an exact place, not a race. Zero
 * waits (instant timing) stay real macrotasks, so instant replays run by themselves.
 */
export function manualClock(): ManualClock {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const settle = () => new Promise<void>((resolve) => realClock.setTimeout(resolve, 0));
  /**
   * Lets the stream reader, the store and React run (a few macrotasks); then, unless `done()`,
   * fires the earliest timer due by `limit`.
   */
  async function step(done: () => boolean, limit: number): Promise<'done' | 'fired' | 'idle'> {
    for (let i = 0; i < 5; i++) await settle();
    if (done()) return 'done';
    let first: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of timers) {
      if (entry[1].at > limit) continue;
      if (!first || entry[1].at < first[1].at) first = entry;
    }
    if (!first) return 'idle';
    timers.delete(first[0]);
    now = first[1].at;
    first[1].fn();
    return 'fired';
  }
  return {
    now: () => now,
    setTimeout(fn, ms) {
      if (ms <= 0) return realClock.setTimeout(fn, 0);
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
      else realClock.clearTimeout(handle);
    },
    pending: () => timers.size,
    async until(done) {
      for (;;) {
        const outcome = await step(done, Number.POSITIVE_INFINITY);
        if (outcome === 'done') return;
        if (outcome === 'idle') {
          throw new Error('manualClock.until: no timer left and the condition still fails');
        }
      }
    },
    async advance(ms) {
      const end = now + ms;
      while ((await step(() => false, end)) === 'fired');
      now = end;
    },
  };
}
