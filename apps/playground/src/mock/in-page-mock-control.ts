import type { LunosMock } from '@lunos-image/msw';
import type { MockControl } from './mock-control';

/** The built-in mock lives in this page, so steering it is a plain method call. */
export function inPageMockControl(mock: LunosMock): MockControl {
  return {
    next: async (scenario) => mock.next(scenario),
    calls: async () => mock.calls,
    reset: async () => mock.reset(),
  };
}
