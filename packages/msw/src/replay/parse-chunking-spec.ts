import { MockOptionsError } from '../errors/mock-options-error';
import type { ChunkingSpec } from './chunking-schema';

/**
 * `event`, `single`, `bytes:N`, `random:MIN-MAX:SEED`, `split-multibyte`, `split-delimiters` or
 * `coalesce:N`.
 */
export function parseChunkingSpec(text: string, option = 'chunking'): ChunkingSpec {
  const value = text.trim();
  if (value === 'event' || value === 'single') return value;
  if (value === 'split-multibyte') return { splitMultibyte: true };
  if (value === 'split-delimiters') return { splitDelimiters: true };
  let m = /^bytes:(\d+)$/.exec(value);
  if (m && Number(m[1]) > 0) return { bytes: Number(m[1]) };
  m = /^coalesce:(\d+)$/.exec(value);
  if (m && Number(m[1]) > 0) return { coalesce: Number(m[1]) };
  m = /^random:(\d+)-(\d+):(-?\d+)$/.exec(value);
  if (m && Number(m[1]) > 0 && Number(m[2]) >= Number(m[1])) {
    return { random: { min: Number(m[1]), max: Number(m[2]), seed: Number(m[3]) } };
  }
  throw new MockOptionsError(option, `cannot read chunking "${text}"`);
}
