import type { MockCall, MockScenario } from '@lunos-image/msw';

/**
 * Steering either mock the same way: the one in this tab, or a `lunos-image-mock serve` through
 * its `/__mock/` control endpoints.
 */
export interface MockControl {
  /** Queues a scenario (a recorded answer, faults) for the next request of its route. */
  next(scenario: MockScenario): Promise<void>;
  /** The requests the mock has seen, oldest first (authorization redacted by the mock). */
  calls(): Promise<readonly MockCall[]>;
  /** Forgets the call log and any queued scenario. */
  reset(): Promise<void>;
}
