import { describe, expect, it } from 'vitest';
import { balancedOrders } from './balanced-orders';

/** How often each ordered pair (a right before b) occurs across the rows. */
function predecessorCounts(rows: number[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (let i = 1; i < row.length; i++) {
      const pair = `${row[i - 1]}>${row[i]}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return counts;
}

describe('balancedOrders', () => {
  it.each([2, 3, 4, 5, 6, 7])(
    'for %i competitors: each row runs everyone once, everyone follows everyone equally often and starts equally often',
    (count) => {
      const rows = balancedOrders(count);
      expect(rows).toHaveLength(count % 2 === 0 ? count : 2 * count);
      for (const row of rows) expect([...row].sort((a, b) => a - b)).toEqual([...row.keys()]);
      const counts = predecessorCounts(rows);
      // Every ordered pair of different competitors, the same number of times.
      expect(counts.size).toBe(count * (count - 1));
      expect(new Set(counts.values()).size).toBe(1);
      const starts = rows.map((row) => row[0]);
      for (let competitor = 0; competitor < count; competitor++) {
        expect(starts.filter((start) => start === competitor)).toHaveLength(rows.length / count);
      }
    },
  );

  it('a rotated single order (what it replaces) is not balanced: the check above would catch it', () => {
    const rotated = [0, 1, 2, 3, 4].map((shift) => [0, 1, 2, 3, 4].map((c) => (c + shift) % 5));
    expect(predecessorCounts(rotated).size).toBeLessThan(5 * 4);
  });

  it('one competitor runs alone', () => {
    expect(balancedOrders(1).every((row) => row.length === 1 && row[0] === 0)).toBe(true);
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects %s competitors with a RangeError', (count) => {
    expect(() => balancedOrders(count)).toThrow(RangeError);
    expect(() => balancedOrders(count)).toThrow(/count must be a positive integer/);
  });
});
