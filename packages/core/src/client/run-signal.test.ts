import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidResponseError } from '../errors/invalid-response-error';
import { AbortError, ConnectionError, TimeoutError } from '../errors/transport-errors';
import { RunSignal } from './run-signal';
import type { Timeouts } from './timeouts';

const limits = (over: Partial<Timeouts> = {}): Timeouts => ({
  totalMs: 1000,
  firstByteMs: 500,
  idleMs: 100,
  ...over,
});

describe('RunSignal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('arms nothing before start(): no timer fires, the caller signal is not listened to', () => {
    const caller = new AbortController();
    const listen = vi.spyOn(caller.signal, 'addEventListener');
    const run = new RunSignal(caller.signal, limits());
    vi.advanceTimersByTime(5000);
    expect(run.reason).toBeUndefined();
    expect(listen).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('start() runs the total limit and reports it as a TimeoutError naming it', () => {
    const run = new RunSignal(undefined, limits());
    run.start();
    vi.advanceTimersByTime(999);
    expect(run.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(TimeoutError.isInstance(run.reason)).toBe(true);
    expect((run.reason as TimeoutError).limit).toBe('total');
    expect(run.signal.reason).toBe(run.reason);
  });

  it("a caller signal already aborted at start() stops the run with the caller's reason", () => {
    const caller = new AbortController();
    caller.abort('user left');
    const run = new RunSignal(caller.signal, limits());
    expect(run.reason).toBeUndefined();
    run.start();
    expect(AbortError.isInstance(run.reason)).toBe(true);
    expect((run.reason as AbortError).reason).toBe('user left');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the first reason wins; later aborts change nothing', () => {
    const caller = new AbortController();
    const run = new RunSignal(caller.signal, limits());
    run.start();
    const first = new AbortError('superseded');
    run.abort(first);
    caller.abort('later');
    run.abort(new AbortError('later still'));
    vi.advanceTimersByTime(5000);
    expect(run.reason).toBe(first);
    expect(() => run.check()).toThrow(first);
  });

  it('counts body bytes and limits silence, not the time since the start', () => {
    const run = new RunSignal(undefined, limits({ totalMs: Number.POSITIVE_INFINITY }));
    run.start();
    run.awaitingHeaders();
    vi.advanceTimersByTime(400);
    run.activity();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(90);
      run.activity(1000);
    }
    expect(run.reason).toBeUndefined();
    expect(run.bytesReceived).toBe(5000);
    vi.advanceTimersByTime(100);
    expect((run.reason as TimeoutError).limit).toBe('idle');
  });

  it('no first byte within the limit is a firstByte timeout; idle() pauses both', () => {
    const run = new RunSignal(undefined, limits({ totalMs: Number.POSITIVE_INFINITY }));
    run.start();
    run.awaitingHeaders();
    run.idle();
    vi.advanceTimersByTime(2000);
    expect(run.reason).toBeUndefined();
    run.awaitingHeaders();
    vi.advanceTimersByTime(500);
    expect((run.reason as TimeoutError).limit).toBe('firstByte');
  });

  it('dispose() clears the timers and stops listening to the caller', () => {
    const caller = new AbortController();
    const run = new RunSignal(caller.signal, limits());
    run.start();
    run.dispose();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort('after the end');
    expect(run.reason).toBeUndefined();
  });

  it('toError: the run reason first, then typed errors as they are, else a ConnectionError', () => {
    const run = new RunSignal(undefined, limits());
    const typed = new InvalidResponseError('bad');
    expect(run.toError(typed)).toBe(typed);
    const mapped = run.toError(new TypeError('fetch failed'), 'The stream broke');
    expect(ConnectionError.isInstance(mapped)).toBe(true);
    expect(mapped.message).toBe('The stream broke: fetch failed');
    const why = new AbortError('stop');
    run.abort(why);
    expect(run.toError(new TypeError('terminated'))).toBe(why);
  });
});
