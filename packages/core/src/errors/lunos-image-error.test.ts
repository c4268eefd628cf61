import { describe, expect, it } from 'vitest';
import { LunosImageError } from './lunos-image-error';

class ChildError extends LunosImageError {
  static override readonly kind: string = 'ChildError';
}
class GrandChildError extends ChildError {
  static override readonly kind: string = 'GrandChildError';
}
class SiblingError extends LunosImageError {
  static override readonly kind: string = 'SiblingError';
}

describe('LunosImageError', () => {
  it('takes its name from the class kind, not from the minifiable constructor name', () => {
    expect(new GrandChildError('x').name).toBe('GrandChildError');
    expect(String(new ChildError('boom'))).toBe('ChildError: boom');
  });

  it('isInstance follows the class hierarchy', () => {
    const error = new GrandChildError('x');
    expect(LunosImageError.isInstance(error)).toBe(true);
    expect(ChildError.isInstance(error)).toBe(true);
    expect(GrandChildError.isInstance(error)).toBe(true);
    expect(SiblingError.isInstance(error)).toBe(false);
    expect(ChildError.isInstance(new LunosImageError('base'))).toBe(false);
  });

  it('isInstance recognises an error from another copy of the package by its marker', () => {
    // A second copy has different classes but the same Symbol.for marker and kind names.
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('@lunos-image/core.error-kinds')]: ['ChildError', 'LunosImageError'],
    });
    expect(foreign instanceof ChildError).toBe(false);
    expect(ChildError.isInstance(foreign)).toBe(true);
    expect(SiblingError.isInstance(foreign)).toBe(false);
  });

  it('rejects values that are not errors', () => {
    expect(LunosImageError.isInstance(undefined)).toBe(false);
    expect(LunosImageError.isInstance('LunosImageError')).toBe(false);
    expect(LunosImageError.isInstance({ name: 'LunosImageError' })).toBe(false);
  });

  it('keeps the cause and serialises to plain data', () => {
    const cause = new TypeError('fetch failed');
    const error = new ChildError('request failed', { cause });
    expect(error.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ChildError',
      message: 'request failed',
      cause: { name: 'TypeError', message: 'fetch failed' },
    });
  });
});
