import { type SeenCost, usageCostIn } from './usage-cost';

/**
 * How a generation ended, for its spend: `unbilled` (the upstream refused before any body, a 502
 * "not billed", unreachable), `stopped` (the browser left or the job was stopped), `ended` (the
 * answer ended, whole or broken).
 */
export type SpendOutcome = 'unbilled' | 'stopped' | 'ended';

export interface SpendTicketOptions {
  /** What was reserved, in USD. */
  readonly reservedUsd: number;
  /** The model asked for, for warnings. */
  readonly model: string;
  /** Turns the reservation into this spend (the store's `settle`). */
  settle(usd: number): Promise<void>;
  warn(message: string): void;
}

/**
 * One reservation on its way to its settlement: the answer's `usage.cost` is watched as it goes
 * by (the last one seen counts: the Images API's `completed` events carry the usage so far, chat
 * sends it once), and the first `end` settles. Ended: the cost seen; none or an invalid one, the
 * reservation stands as the spend (never 0, never refunded on a guess) with a warning. Unbilled:
 * 0. Stopped: the cost seen so far, 0 when none.
 */
export class SpendTicket {
  readonly #options: SpendTicketOptions;
  #seen: SeenCost | undefined;
  #ended = false;

  constructor(options: SpendTicketOptions) {
    this.#options = options;
  }

  get reservedUsd(): number {
    return this.#options.reservedUsd;
  }

  /** A cost read from a parsed event or answer (`usageCostOf`). */
  see(cost: SeenCost | undefined): void {
    if (cost !== undefined) this.#seen = cost;
  }

  /** The text of one JSON value, whole or cut. */
  seeText(text: string): void {
    this.see(usageCostIn(text));
  }

  /** SSE lines as relayed: each `data:` line's value. */
  seeDataLines(text: string): void {
    if (!text.includes('"usage"')) return;
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (line.startsWith('data:')) this.seeText(line.slice(5));
    }
  }

  /** Settles once (later calls do nothing); never rejects: a lost store lets the hold expire. */
  async end(outcome: SpendOutcome): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    const { reservedUsd, model, warn } = this.#options;
    const seen = this.#seen;
    let usd: number;
    if (outcome === 'unbilled') usd = 0;
    else if (typeof seen === 'number') usd = seen;
    else if (outcome === 'stopped' && seen === undefined) usd = 0;
    else {
      usd = reservedUsd;
      warn(
        `The answer from ${model} ${seen === 'invalid' ? 'carried a usage.cost that is not an amount in USD' : 'carried no usage.cost'}: its reservation of $${reservedUsd} stands as its spend`,
      );
    }
    try {
      await this.#options.settle(usd);
    } catch {
      warn(
        `The spend of a generation with ${model} could not be settled (the limit store failed): its reservation expires instead`,
      );
    }
  }
}
