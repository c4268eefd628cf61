import { useEffect, useState } from 'react';

/** Milliseconds left until `until` (a `Date.now()` time), ticking while positive; 0 without one. */
export function useCountdown(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined || now >= until) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [until, now]);
  return until === undefined ? 0 : Math.max(0, until - now);
}
