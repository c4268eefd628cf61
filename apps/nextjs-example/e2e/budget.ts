/**
 * Each visitor's budget on the example's server in the end-to-end tests (`LUNOS_BUDGET_USD`): two
 * recorded sunsets (billed $0.0387 each), not a third.
 */
export const BUDGET_USD = 0.08;
