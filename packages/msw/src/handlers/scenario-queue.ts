import { MockOptionsError } from '../errors/mock-options-error';
import type { MockRoute, MockScenario } from './mock-types';

/** Scenarios queued for the next requests of their route, each for `times` requests. */
export class ScenarioQueue {
  #queue: (MockScenario & { left: number })[] = [];

  push(scenario: MockScenario): void {
    const times = scenario.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new MockOptionsError('times', 'must be a positive integer');
    }
    this.#queue.push({ ...scenario, left: times });
  }

  /** The oldest scenario for `route`, counted as used once. */
  take(route: MockRoute): MockScenario | undefined {
    const i = this.#queue.findIndex((s) => (s.route ?? 'chat') === route);
    if (i === -1) return undefined;
    const scenario = this.#queue[i]!;
    scenario.left -= 1;
    if (scenario.left <= 0) this.#queue.splice(i, 1);
    return scenario;
  }

  clear(): void {
    this.#queue = [];
  }
}
