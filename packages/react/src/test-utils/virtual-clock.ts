import type { Clock } from '@lunos-image/msw';
import { vi } from 'vitest';

export interface VirtualClock extends Clock {
  /** Makes this clock the global `setTimeout`, `clearTimeout` and `Date.now` (undone by `uninstall`). */
  install(): void;
  /** Restores the real globals and forgets the timers still waiting. */
  uninstall(): void;
  /** Fires timers in order, work settling between them, until `done()` holds. */
  until(done: () => boolean): Promise<void>;
  /** Fires the timers due within `ms`, work settling between them, then moves time to the end. */
  advance(ms: number): Promise<void>;
}

interface Timer {
  at: number;
  /** Creation order: timers due at the same time fire in the order they were set. */
  seq: number;
  fn: () => void;
}

/**
 * Microtask turns given to the work a timer started (a stream read through msw, the parser, the
 * store, React's render of a sync external store update) before the next timer fires: until
 * `QUIET_TURNS` pass in a row without the work touching the clock (reads and store updates do:
 * they note the time), at most `MAX_TURNS`. Turns cost no real time; the work behind one replayed
 * event needed fewer than 10 when this was written.
 */
const QUIET_TURNS = 50;
const MAX_TURNS = 1000;
/**
 * `until` never jumps further than this: a replay waits seconds between events, while the timers
 * further away are time limits (the client's are minutes), which must not fire just because the
 * request is still on its way to msw (real work the clock does not see).
 */
const MAX_JUMP_MS = 60_000;
/** One real macrotask, for work outside the clock (msw taking the request); not clamped to 1 ms. */
const realTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock that only moves when the test moves it, and then jumps straight to the next timer: no
 * step waits for real time, so a loaded machine makes the test no slower than the work itself.
 * Between two timers it lets promises settle (microtasks only); it waits a real macrotask only
 * when no timer is near, that is while work outside the clock (the request reaching msw) runs.
 * Installed, it also serves the global timers (the store's throttle, the client's time limits).
 */
export function virtualClock(): VirtualClock {
  let now = 0;
  let seq = 0;
  /** Bumped whenever the clock is used: how `settle` sees that work is still going on. */
  let touches = 0;
  const settle = async () => {
    for (let turn = 0, quiet = 0; turn < MAX_TURNS && quiet < QUIET_TURNS; turn++) {
      const before = touches;
      await undefined;
      quiet = touches === before ? quiet + 1 : 0;
    }
  };
  const timers = new Map<object, Timer>();
  let saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

  const setTimer = (fn: () => void, ms = 0): object => {
    touches++;
    const handle = { ref: () => handle, unref: () => handle, hasRef: () => true };
    timers.set(handle, { at: now + Math.max(0, ms), seq: seq++, fn });
    return handle;
  };
  const clearTimer = (handle: unknown) => {
    touches++;
    if (typeof handle === 'object' && handle !== null) timers.delete(handle);
  };
  const earliest = (): [object, Timer] | undefined => {
    let first: [object, Timer] | undefined;
    for (const entry of timers) {
      const [, t] = entry;
      if (!first || t.at < first[1].at || (t.at === first[1].at && t.seq < first[1].seq)) {
        first = entry;
      }
    }
    return first;
  };
  const fire = ([handle, timer]: [object, Timer]) => {
    timers.delete(handle);
    now = Math.max(now, timer.at);
    timer.fn();
  };

  return {
    now: () => now,
    setTimeout: (fn, ms) => setTimer(fn, ms),
    clearTimeout: clearTimer,
    install() {
      saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
      globalThis.setTimeout = ((fn: () => void, ms?: number, ...args: unknown[]) =>
        setTimer(() => fn(...(args as [])), ms)) as unknown as typeof setTimeout;
      globalThis.clearTimeout = clearTimer as typeof clearTimeout;
      vi.spyOn(Date, 'now').mockImplementation(() => {
        touches++;
        return now;
      });
    },
    uninstall() {
      globalThis.setTimeout = saved.setTimeout;
      globalThis.clearTimeout = saved.clearTimeout;
      vi.mocked(Date.now).mockRestore();
      timers.clear();
    },
    async until(done) {
      for (;;) {
        await settle();
        if (done()) return;
        const next = earliest();
        // A hang (nothing near, nothing real coming) ends with the test's own time limit.
        if (next && next[1].at - now <= MAX_JUMP_MS) fire(next);
        else await realTick();
      }
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const next = earliest();
        if (!next || next[1].at > end) break;
        fire(next);
      }
      now = end;
    },
  };
}
