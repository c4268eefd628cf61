import { describe, expect, it, vi } from 'vitest';
import { measureSpeed } from './measure-speed';

describe('measureSpeed', () => {
  it('runs whole sets of balanced orders, so every competitor has as many samples as rounds', async () => {
    const log: string[] = [];
    const competitors = ['a', 'b', 'c'].map((name) => ({
      name,
      run: async () => {
        log.push(name);
      },
    }));
    const results = await measureSpeed(undefined, competitors, {
      warmup: 1,
      minRounds: 1,
      maxRounds: 4,
      budgetMs: 0,
    });
    // Three competitors: six orders make one balanced set; the budget is spent after round one,
    // yet the set is completed.
    for (const result of results) expect(result.samples).toHaveLength(6);
    const rounds = log.slice(3); // after the warm-up
    const afterA = new Set<string>();
    for (let i = 0; i < rounds.length; i += 3) {
      const round = rounds.slice(i, i + 3);
      expect([...round].sort()).toEqual(['a', 'b', 'c']);
      const at = round.indexOf('a');
      if (at < 2) afterA.add(round[at + 1]!);
    }
    expect(afterA).toEqual(new Set(['b', 'c']));
  });

  it('reports the median of each competitor, so one slow round does not move it', async () => {
    // A fake clock: each run "takes" the next duration, so the test never times anything.
    let now = 0;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => now);
    const durations = [5, 7, 900, 6];
    try {
      const [result] = await measureSpeed(
        undefined,
        [
          {
            name: 'one slow round',
            run: async () => {
              now += durations.shift()!;
            },
          },
        ],
        { warmup: 0, minRounds: 4, maxRounds: 4, budgetMs: 10_000 },
      );
      expect(result!.samples).toEqual([5, 7, 900, 6]);
      expect(result!.medianMs).toBe(6.5);
    } finally {
      spy.mockRestore();
    }
  });

  it('with runsPerSample, a sample is the mean of that many runs in a row', async () => {
    let now = 0;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => now);
    const durations = [1, 1, 1, 9, 2, 2, 2, 2];
    let runs = 0;
    try {
      const [result] = await measureSpeed(
        undefined,
        [
          {
            name: 'four runs a sample',
            run: async () => {
              runs++;
              now += durations.shift()!;
            },
          },
        ],
        { warmup: 0, minRounds: 2, maxRounds: 2, budgetMs: 10_000, runsPerSample: 4 },
      );
      expect(runs).toBe(8);
      expect(result!.samples).toEqual([3, 2]);
    } finally {
      spy.mockRestore();
    }
  });

  it.each([0, -2, 1.5])(
    'rejects runsPerSample %s with a RangeError instead of NaN samples',
    async (runsPerSample) => {
      const competitor = { name: 'any', run: async () => {} };
      await expect(
        measureSpeed(undefined, [competitor], {
          warmup: 0,
          minRounds: 1,
          maxRounds: 1,
          budgetMs: 0,
          runsPerSample,
        }),
      ).rejects.toThrow(/runsPerSample must be a positive integer/);
    },
  );
});
