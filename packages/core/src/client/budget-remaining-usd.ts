/** The header a route handler with `limits.spend` answers a generation with: the budget left, in USD. */
const BUDGET_REMAINING_HEADER = 'x-lunos-budget-remaining';

/** The answer's `x-lunos-budget-remaining` as a finite number >= 0; anything else is ignored. */
export function budgetRemainingUsd(headers: Headers): number | undefined {
  const text = headers.get(BUDGET_REMAINING_HEADER)?.trim();
  // `Number('')` is 0: an empty header says nothing.
  if (!text) return undefined;
  const usd = Number(text);
  return Number.isFinite(usd) && usd >= 0 ? usd : undefined;
}
