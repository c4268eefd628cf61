/**
 * Dollar amounts as small as image prices are (`$0.039`, `$0.00012`): enough significant digits
 * to tell models apart, never scientific notation.
 */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  const digits = Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(amount)) + 1));
  return `$${amount.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}
