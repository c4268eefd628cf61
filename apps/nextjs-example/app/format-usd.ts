const USD = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
});

/** `$0.0387`, `$0.961`, `$1`: three significant digits, as small as image prices are. */
export const formatUsd = (usd: number): string => USD.format(usd);
