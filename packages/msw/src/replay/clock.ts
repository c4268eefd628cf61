/** The timers replay waits on. Inject one to drive replay from a virtual clock. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

// Captured when this module loads, before a test can install fake timers: with the default
// clock a replay can never hang on timers that a test froze.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
const realNow =
  typeof performance !== 'undefined' ? performance.now.bind(performance) : Date.now.bind(Date);
const g = globalThis as {
  setImmediate?: (fn: () => void) => unknown;
  clearImmediate?: (handle: unknown) => void;
};
const realSetImmediate = g.setImmediate?.bind(globalThis);
const realClearImmediate = g.clearImmediate?.bind(globalThis);

/** A zero wait that is a real macrotask but not clamped like setTimeout(0) (1 ms in Node, 4 ms nested in browsers). */
function macrotask(callback: () => void): { cancel(): void } {
  if (realSetImmediate && realClearImmediate) {
    const handle = realSetImmediate(callback);
    return { cancel: () => realClearImmediate(handle) };
  }
  if (typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    let live = true;
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (live) callback();
    };
    channel.port2.postMessage(null);
    return {
      cancel: () => {
        live = false;
        channel.port1.close();
      },
    };
  }
  const handle = realSetTimeout(callback, 0);
  return { cancel: () => realClearTimeout(handle) };
}

export const realClock: Clock = {
  setTimeout: (callback, ms) => (ms <= 0 ? macrotask(callback) : realSetTimeout(callback, ms)),
  clearTimeout: (handle) => {
    if (handle && typeof handle === 'object' && 'cancel' in handle) {
      (handle as { cancel(): void }).cancel();
    } else {
      realClearTimeout(handle as ReturnType<typeof setTimeout>);
    }
  },
  now: () => realNow(),
};
