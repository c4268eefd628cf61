import type { MockCall, MockRoute } from './mock-types';

/** The requests a mock has seen, oldest first, at most `max` (the oldest dropped first). */
export class CallLog {
  readonly #max: number;
  readonly #calls: MockCall[] = [];
  #seq = 0;

  constructor(max: number) {
    this.#max = max;
  }

  /** Logs a call and returns its entry, whose `answer` the route fills in once it knows it. */
  record(call: Omit<MockCall, 'seq'>): MockCall {
    const entry = { seq: ++this.#seq, ...call };
    this.#calls.push(entry);
    if (this.#calls.length > this.#max) this.#calls.splice(0, this.#calls.length - this.#max);
    return entry;
  }

  all(): MockCall[] {
    return [...this.#calls];
  }

  to(route: MockRoute): MockCall[] {
    return this.#calls.filter((call) => call.route === route);
  }

  clear(): void {
    this.#calls.length = 0;
    this.#seq = 0;
  }
}
