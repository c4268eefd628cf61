import { ValidationError } from '../../errors/validation-error';
import { unrefTimer } from '../jobs/unref-timer';
import type { LimitStore, SpendReservation } from './limit-store';
import { fromNano, spendRetryAfter, toNano } from './usd-units';

export interface MemoryLimitStoreOptions {
  /**
   * Keys (users) tracked at once; past it the key used least recently is forgotten. Default
   * 100 000. Each key holds at most its rate limit's `requests` times and its spends inside the
   * window.
   */
  maxKeys?: number | undefined;
}

export const DEFAULT_MEMORY_LIMIT_STORE_MAX_KEYS = 100_000;

/** How often keys with nothing left in their windows are dropped. */
const SWEEP_MS = 60_000;

interface Spend {
  readonly at: number;
  readonly nano: number;
}

interface Hold extends Spend {
  readonly until: number;
}

interface KeyState {
  spends: Spend[];
  readonly holds: Map<string, Hold>;
  hits: number[];
  /** The longest window this key was counted over: past it, everything of the key is gone. */
  windowMs: number;
  touched: number;
}

/**
 * A `LimitStore` in this process's memory: one instance of the route handler (or tests). Every
 * operation is one synchronous step, so no two requests interleave inside one. Bounded: at most
 * `maxKeys` keys (least recently used forgotten first); a timer (unref'd: it never keeps a process
 * alive) drops keys whose windows are empty. Across instances use `redisLimitStore` of
 * `@lunos-image/redis`.
 */
export function memoryLimitStore(options: MemoryLimitStoreOptions = {}): LimitStore {
  const maxKeys = options.maxKeys ?? DEFAULT_MEMORY_LIMIT_STORE_MAX_KEYS;
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
    throw new ValidationError('memoryLimitStore options', [
      {
        path: 'maxKeys',
        code: 'invalid_value',
        message: `must be a whole number >= 1 (got ${String(maxKeys)})`,
      },
    ]);
  }
  const keys = new Map<string, KeyState>();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let nextId = 0;

  /**
   * Drops what has left the window at `now`: the spends (and expired holds), or the rate log. One
   * key may carry both, counted over windows of their own.
   */
  function prune(state: KeyState, now: number, windowMs: number, of: 'spend' | 'rate'): void {
    if (of === 'rate') {
      state.hits = state.hits.filter((at) => at > now - windowMs);
      return;
    }
    state.spends = state.spends.filter((s) => s.at > now - windowMs);
    for (const [id, hold] of state.holds) if (hold.until <= now) state.holds.delete(id);
  }

  function stateOf(key: string, now: number, windowMs: number, of: 'spend' | 'rate'): KeyState {
    let state = keys.get(key);
    if (state) keys.delete(key);
    else {
      state = { spends: [], holds: new Map(), hits: [], windowMs, touched: now };
      if (keys.size >= maxKeys) keys.delete(keys.keys().next().value as string);
    }
    // Re-inserted: the Map's order is the order of use, oldest first.
    keys.set(key, state);
    state.windowMs = Math.max(state.windowMs, windowMs);
    state.touched = now;
    prune(state, now, windowMs, of);
    sweeper ??= unrefTimer(setInterval(sweep, SWEEP_MS));
    return state;
  }

  function sweep(): void {
    const now = Date.now();
    for (const [key, state] of keys) {
      if (now - state.touched < state.windowMs) continue;
      prune(state, now, state.windowMs, 'spend');
      prune(state, now, state.windowMs, 'rate');
      if (state.spends.length + state.holds.size + state.hits.length === 0) keys.delete(key);
    }
    if (keys.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }

  return {
    async reserve(key, { usd, budgetUsd, windowMs, holdMs }): Promise<SpendReservation> {
      const now = Date.now();
      const state = stateOf(key, now, windowMs, 'spend');
      let used = 0;
      for (const spend of [...state.spends, ...state.holds.values()]) used += spend.nano;
      const need = toNano(usd);
      const budget = toNano(budgetUsd);
      if (used < budget && used + need <= budget) {
        const id = `${now.toString(36)}-${(nextId++).toString(36)}`;
        state.holds.set(id, { at: now, nano: need, until: now + holdMs });
        return { ok: true, id, remainingUsd: fromNano(budget - used - need) };
      }
      const entries = [...state.spends, ...state.holds.values()].map((s) => ({
        leavesAt: s.at + windowMs,
        nano: s.nano,
      }));
      return {
        ok: false,
        remainingUsd: fromNano(Math.max(0, budget - used)),
        retryAfterMs: spendRetryAfter(entries, { used, need, budget, now, windowMs }),
      };
    },
    async settle(key, id, usd) {
      const state = keys.get(key);
      const hold = state?.holds.get(id);
      if (!state || !hold) return;
      state.holds.delete(id);
      if (hold.until <= Date.now()) return;
      const nano = toNano(usd);
      if (nano > 0) state.spends.push({ at: hold.at, nano });
    },
    async spent(key, { windowMs }) {
      const now = Date.now();
      const state = keys.get(key);
      let settled = 0;
      let held = 0;
      // Read only: another window (a longer budget's) may still need what this one leaves out.
      for (const spend of state?.spends ?? []) if (spend.at > now - windowMs) settled += spend.nano;
      for (const hold of state?.holds.values() ?? []) if (hold.until > now) held += hold.nano;
      return { settledUsd: fromNano(settled), heldUsd: fromNano(held) };
    },
    async hit(key, { requests, windowMs }) {
      const now = Date.now();
      const state = stateOf(key, now, windowMs, 'rate');
      if (state.hits.length < requests) {
        state.hits.push(now);
        return { ok: true, remaining: requests - state.hits.length, retryAfterMs: 0 };
      }
      const oldest = state.hits[0] as number;
      return { ok: false, remaining: 0, retryAfterMs: Math.max(1, oldest + windowMs - now) };
    },
  };
}
