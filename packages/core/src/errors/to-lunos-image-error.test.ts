import { describe, expect, it } from 'vitest';
import { LunosImageError } from './lunos-image-error';
import { toLunosImageError } from './to-lunos-image-error';
import { AbortError } from './transport-errors';

describe('toLunosImageError', () => {
  it('keeps our errors and wraps anything else with it as cause', () => {
    const ours = new AbortError('stopped');
    expect(toLunosImageError(ours)).toBe(ours);
    const plain = new TypeError('boom');
    const wrapped = toLunosImageError(plain);
    expect(LunosImageError.isInstance(wrapped)).toBe(true);
    expect(wrapped.message).toBe('boom');
    expect(wrapped.cause).toBe(plain);
    expect(toLunosImageError('text').message).toBe('text');
  });
});
