/**
 * Stores count money in whole nano-dollars: sums of floats drift (0.1 + 0.2), integers up to
 * 2^53 do not, in JavaScript as in Redis's Lua. 9 decimals hold every price the catalogue gives.
 */
export const NANO_PER_USD = 1e9;

export const toNano = (usd: number): number => Math.round(usd * NANO_PER_USD);
export const fromNano = (nano: number): number => nano / NANO_PER_USD;

/** One amount inside a spend window: when it leaves it, and how much it is. */
export interface WindowEntry {
  readonly leavesAt: number;
  readonly nano: number;
}

/**
 * How long until enough of `entries` has left the window for `need` to fit in `budget` again;
 * a whole window when it never will (`need` alone is over the budget).
 */
export function spendRetryAfter(
  entries: WindowEntry[],
  {
    used,
    need,
    budget,
    now,
    windowMs,
  }: Record<'used' | 'need' | 'budget' | 'now' | 'windowMs', number>,
): number {
  if (need > budget || budget <= 0) return windowMs;
  let free = budget - used;
  for (const entry of [...entries].sort((a, b) => a.leavesAt - b.leavesAt)) {
    free += entry.nano;
    if (free >= need && free > 0) return Math.max(1, entry.leavesAt - now);
  }
  return windowMs;
}
