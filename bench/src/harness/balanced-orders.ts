/**
 * Run orders for `count` competitors in which every competitor runs right after every other one
 * equally often (a Williams design: a Latin square balanced for first-order carry-over).
 *
 * Why it matters here: a competitor's time depends on the one before it in the same round (the
 * garbage that one left, the heap size it grew). Rotating one fixed order, as this harness did,
 * gives each competitor the same predecessor in every round, so that effect lands on one of them
 * only. With these orders it lands on all alike. `count` rows when `count` is even, `2 * count`
 * (the rows and their mirrors) when it is odd.
 */
export function balancedOrders(count: number): number[][] {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`balancedOrders: count must be a positive integer, got ${count}`);
  }
  // First row 0, 1, n-1, 2, n-2, ...; each further row adds one to every entry (mod n).
  const start = [0];
  for (let low = 1, high = count - 1, takeLow = true; start.length < count; takeLow = !takeLow) {
    start.push(takeLow ? low++ : high--);
  }
  const rows = Array.from({ length: count }, (_, shift) =>
    start.map((competitor) => (competitor + shift) % count),
  );
  return count % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}
