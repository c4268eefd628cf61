import { useCallback, useRef, useState } from 'react';
import type { TimelineMark } from './timeline-mark';

/**
 * Records when each phase of the current run first happened. Marks come from the hook's callbacks
 * and status, which can move through a phase faster than the screen repaints; the timeline keeps
 * them all, so a 30 ms keep-alive phase is still visible afterwards.
 */
export function useRunTimeline(): {
  marks: readonly TimelineMark[];
  /**
   * Starts a new run's timeline with its first phase (`submitted`, or `resumed` for a run this
   * page took over after a reload); returns its start time (`performance.now()`).
   */
  start(first?: 'submitted' | 'resumed'): number;
  mark(phase: TimelineMark['phase']): void;
} {
  const [marks, setMarks] = useState<readonly TimelineMark[]>([]);
  const startedAt = useRef(0);
  const seen = useRef(new Set<TimelineMark['phase']>());

  const start = useCallback((first: 'submitted' | 'resumed' = 'submitted') => {
    startedAt.current = performance.now();
    seen.current = new Set([first]);
    setMarks([{ phase: first, atMs: 0 }]);
    return startedAt.current;
  }, []);

  const mark = useCallback((phase: TimelineMark['phase']) => {
    if (seen.current.has(phase)) return;
    seen.current.add(phase);
    const atMs = performance.now() - startedAt.current;
    setMarks((previous) => [...previous, { phase, atMs }]);
  }, []);

  return { marks, start, mark };
}
