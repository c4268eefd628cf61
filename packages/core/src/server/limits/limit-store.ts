/** What `reserve` is asked to hold against a key's budget. */
export interface SpendReservationInput {
  /** The estimated maximum cost of the request, in USD (>= 0). */
  readonly usd: number;
  /** The key's budget over `windowMs`, in USD. */
  readonly budgetUsd: number;
  /** The window the budget counts over, ending now. */
  readonly windowMs: number;
  /** How long the reservation holds unless settled first: then it counts for nothing. */
  readonly holdMs: number;
}

export type SpendReservation =
  | {
      readonly ok: true;
      /** The reservation, for `settle`. */
      readonly id: string;
      /** The budget left with this reservation counted, in USD. */
      readonly remainingUsd: number;
    }
  | {
      readonly ok: false;
      /** The budget left now (what was refused not counted), in USD; 0 when spent. */
      readonly remainingUsd: number;
      /** When enough spend will have left the window for the same request to pass. */
      readonly retryAfterMs: number;
    };

/** What a key has used inside a window: settled spend and reservations not settled yet. */
export interface SpendUsed {
  readonly settledUsd: number;
  readonly heldUsd: number;
}

export interface RateHit {
  readonly ok: boolean;
  /** Requests left in the window after this one (0 when refused). */
  readonly remaining: number;
  /** 0 when allowed; else when the oldest request in the window leaves it. */
  readonly retryAfterMs: number;
}

/**
 * Where spending and rate limits are counted: shared by every instance of the route handler that
 * uses the same store. Each method is one atomic step of the store's own (one synchronous step in
 * memory, one Lua script on Redis), timed with the store's own clock (Redis `TIME`, never the
 * instance's), so fifty requests in flight on several instances never all see "under budget".
 * A store holds keys (user ids as the app gives them), amounts and times, nothing else.
 *
 * A backend that cannot be reached makes a method reject, promptly; the handler then refuses the
 * request (never "unlimited"). `memoryLimitStore` in `@lunos-image/core/server` is the reference
 * implementation; the tests every store must pass are `describeLimitStore` in
 * `@lunos-image/core/server/testing`.
 */
export interface LimitStore {
  /**
   * Reserves `usd` for `key` when its settled spend inside the window, plus its reservations not
   * yet settled or expired, plus `usd` stays within `budgetUsd` (and something of the budget is
   * left: a budget of 0 refuses everything, free requests included).
   */
  reserve(key: string, input: SpendReservationInput): Promise<SpendReservation>;
  /**
   * The reservation becomes a spend of `usd` at the time it was made (a refund is a settle with
   * the billed part, 0 when nothing was billed). An expired, settled or unknown reservation is
   * left alone: nothing is counted twice.
   */
  settle(key: string, id: string, usd: number): Promise<void>;
  /** What `key` has used inside the window ending now. */
  spent(key: string, options: { windowMs: number }): Promise<SpendUsed>;
  /**
   * Counts one request for `key` in a sliding-window log: allowed when fewer than `requests` were
   * allowed inside the window ending now (a refused request is not counted).
   */
  hit(key: string, options: { requests: number; windowMs: number }): Promise<RateHit>;
}
