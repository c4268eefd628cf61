import { MockOptionsError } from '../errors/mock-options-error';
import type { Timing } from './timing-schema';

/** `instant`, `realtime`, `speed=4` or `speed=4,max=500` (a cap on any one gap, in ms). */
export function parseTimingSpec(text: string, option = 'timing'): Timing {
  const value = text.trim();
  if (value === 'instant' || value === 'realtime') return value;
  const m = /^speed=(\d+(?:\.\d+)?)(?:,max=(\d+(?:\.\d+)?))?$/.exec(value);
  if (m && Number(m[1]) > 0) {
    return { speed: Number(m[1]), ...(m[2] === undefined ? {} : { maxGapMs: Number(m[2]) }) };
  }
  throw new MockOptionsError(option, `expected instant, realtime or speed=N, got "${text}"`);
}
