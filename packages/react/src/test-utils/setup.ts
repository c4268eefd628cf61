import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { installObjectUrlFakes, objectUrls } from './object-url-fakes';

installObjectUrlFakes();

// The hooks are driven by network reads, outside any act() scope, as in an app: tests wait with
// waitFor/findBy and render intermediate states as they happen. React only warns about updates
// outside act() when this flag is on; RTL's own render/act still switch it on around themselves.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let consoleCalls: unknown[][] = [];
// Taken before any test can install fake timers.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

beforeEach(() => {
  objectUrls.reset();
  consoleCalls = [];
  // Any React warning (an update after unmount, a missing key, a getSnapshot that is not cached)
  // fails the test that caused it.
  for (const method of ['error', 'warn'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleCalls.push([method, ...args]);
    });
  }
});

afterEach(async () => {
  vi.useRealTimers();
  // Vitest does not expose globals here, so RTL's automatic cleanup is not registered.
  cleanup();
  // Unmounted hooks let go of their runs and object URLs a tick after their last subscriber left.
  await new Promise((resolve) => realSetTimeout(resolve, 0));
  vi.restoreAllMocks();
  expect(consoleCalls, 'console.error/warn calls during the test').toEqual([]);
  expect(objectUrls.live(), 'object URLs still live after every component unmounted').toEqual([]);
});
