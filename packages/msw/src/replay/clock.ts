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

export const realClock: Clock = {
  setTimeout: (callback, ms) => realSetTimeout(callback, ms),
  clearTimeout: (handle) => realClearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => realNow(),
};
