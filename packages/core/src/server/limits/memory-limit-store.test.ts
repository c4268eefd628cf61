import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../errors/validation-error';
import { describeLimitStore } from '../testing';
import { memoryLimitStore } from './memory-limit-store';

describeLimitStore('memoryLimitStore', () => {
  const store = memoryLimitStore();
  return { store, peer: store };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('memoryLimitStore: bounded', () => {
  it('forgets the key used least recently past maxKeys', async () => {
    const store = memoryLimitStore({ maxKeys: 2 });
    const rate = { requests: 1, windowMs: 60_000 };
    await store.hit('a', rate);
    await store.hit('b', rate);
    expect((await store.hit('a', rate)).ok).toBe(false);
    await store.hit('c', rate); // b is the oldest now: forgotten
    expect((await store.hit('a', rate)).ok).toBe(false);
    expect((await store.hit('b', rate)).ok).toBe(true);
  });

  it('drops keys whose windows are empty on a timer that keeps no process alive', async () => {
    vi.useFakeTimers();
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const store = memoryLimitStore();
    await store.hit('a', { requests: 1, windowMs: 1000 });
    const handle = setInterval.mock.results[0]?.value as { hasRef(): boolean };
    expect(handle.hasRef()).toBe(false);
    vi.advanceTimersByTime(120_000);
    // After the sweep the key is gone: its request no longer counts (and the window had passed).
    expect((await store.hit('a', { requests: 1, windowMs: 1000 })).ok).toBe(true);
    setInterval.mockRestore();
  });

  it('refuses a maxKeys that cannot work', () => {
    expect(() => memoryLimitStore({ maxKeys: 0 })).toThrow(ValidationError);
    expect(() => memoryLimitStore({ maxKeys: 1.5 })).toThrow(/maxKeys/);
  });
});
