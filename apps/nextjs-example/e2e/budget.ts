/**
 * Each visitor's budget on the example's server in the end-to-end tests (`LUNOS_BUDGET_USD`):
 * three generations of the mock's Gemini ($0.0032 each), more than any other test makes.
 */
export const BUDGET_USD = 0.01;
