import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LimitStore } from './limit-store';

/** What `describeLimitStore` runs its tests against, opened afresh for each test. */
export interface LimitStoreHarness {
  /** The store under test. */
  store: LimitStore;
  /**
   * A second store on the same backend, as another server instance opens it (its own client and
   * connections). A store that lives in one process passes the store itself.
   */
  peer: LimitStore;
  /** Closes what the harness opened (connections); called after each test. */
  close?: (() => void | Promise<void>) | undefined;
}

const DAY_MS = 86_400_000;
const HOLD_MS = 60_000;
/** Windows and holds that must pass within a test: short, with room for a loaded machine. */
const SHORT_MS = 400;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let keys = 0;
/** A key of its own per test, so a shared backend needs no flushing. */
const newKey = () => `user-${Date.now().toString(36)}-${keys++}:ü/{x}`;

/**
 * The contract every `LimitStore` must meet, as vitest tests: call it from a test file of your
 * store with a function that opens it (and, for a shared backend, a second instance on the same
 * backend). The route handler relies on nothing else, so a store that passes works with it.
 *
 * ```ts
 * import { describeLimitStore } from '@lunos-image/core/server/testing';
 *
 * describeLimitStore('my store', () => {
 *   const store = myLimitStore({ url });
 *   const peer = myLimitStore({ url });
 *   return { store, peer, close: () => Promise.all([store.close(), peer.close()]) };
 * });
 * ```
 */
export function describeLimitStore(name: string, open: () => LimitStoreHarness): void {
  describe(`${name}: the LimitStore contract`, () => {
    let harness: LimitStoreHarness;
    let store: LimitStore;
    let peer: LimitStore;
    beforeEach(() => {
      harness = open();
      store = harness.store;
      peer = harness.peer;
    });
    afterEach(async () => {
      await harness.close?.();
    });

    const spend = (
      usd: number,
      budgetUsd: number,
      more: { windowMs?: number; holdMs?: number } = {},
    ) => ({
      usd,
      budgetUsd,
      windowMs: more.windowMs ?? DAY_MS,
      holdMs: more.holdMs ?? HOLD_MS,
    });

    it('reserves within the budget and refuses what would pass it, saying what is left', async () => {
      const key = newKey();
      const first = await store.reserve(key, spend(0.3, 1));
      expect(first).toMatchObject({ ok: true, remainingUsd: 0.7 });
      expect(first.ok && typeof first.id).toBe('string');
      expect(await peer.reserve(key, spend(0.6, 1))).toMatchObject({ ok: true, remainingUsd: 0.1 });
      const refused = await store.reserve(key, spend(0.2, 1));
      expect(refused).toMatchObject({ ok: false, remainingUsd: 0.1 });
      if (refused.ok) throw new Error('unreachable');
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(DAY_MS);
      // What fits still fits: exactly up to the budget.
      expect(await store.reserve(key, spend(0.1, 1))).toMatchObject({ ok: true, remainingUsd: 0 });
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0, heldUsd: 1 });
    });

    it('counts in exact cents: ten reservations of 0.1 fill a budget of 1', async () => {
      const key = newKey();
      for (let i = 0; i < 10; i++) expect((await store.reserve(key, spend(0.1, 1))).ok).toBe(true);
      expect((await store.reserve(key, spend(0.000000001, 1))).ok).toBe(false);
    });

    it('refuses everything with a budget of 0, free requests too', async () => {
      const key = newKey();
      expect(await store.reserve(key, spend(0, 0))).toMatchObject({ ok: false, remainingUsd: 0 });
      expect(await store.reserve(key, spend(0.01, 0))).toMatchObject({
        ok: false,
        remainingUsd: 0,
      });
    });

    it('settles a reservation into the spend it became; a refund frees the rest', async () => {
      const key = newKey();
      const a = await store.reserve(key, spend(0.5, 1));
      const b = await store.reserve(key, spend(0.5, 1));
      if (!a.ok || !b.ok) throw new Error('reservations refused');
      await peer.settle(key, a.id, 0.2);
      await store.settle(key, b.id, 0);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0.2, heldUsd: 0 });
      expect(await peer.reserve(key, spend(0.8, 1))).toMatchObject({ ok: true, remainingUsd: 0 });
    });

    it('counts nothing twice: a second settle and an unknown id change nothing', async () => {
      const key = newKey();
      const a = await store.reserve(key, spend(0.5, 1));
      if (!a.ok) throw new Error('refused');
      await store.settle(key, a.id, 0.4);
      await peer.settle(key, a.id, 0.4);
      await store.settle(key, a.id, 0.9);
      await store.settle(key, 'no-such-reservation', 0.3);
      await store.settle(newKey(), a.id, 0.3);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0.4, heldUsd: 0 });
    });

    it('lets a reservation expire after holdMs: it then counts for nothing, and a late settle is a no-op', async () => {
      const key = newKey();
      const held = await store.reserve(key, spend(0.9, 1, { holdMs: SHORT_MS }));
      if (!held.ok) throw new Error('refused');
      expect((await store.reserve(key, spend(0.9, 1))).ok).toBe(false);
      await pause(SHORT_MS + 100);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0, heldUsd: 0 });
      await peer.settle(key, held.id, 0.9);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0, heldUsd: 0 });
      expect((await store.reserve(key, spend(0.9, 1))).ok).toBe(true);
    });

    it('forgets spend once it has left the window, and says when that will be', async () => {
      const key = newKey();
      const windowMs = SHORT_MS;
      const a = await store.reserve(key, spend(1, 1, { windowMs }));
      if (!a.ok) throw new Error('refused');
      await store.settle(key, a.id, 1);
      const refused = await store.reserve(key, spend(0.5, 1, { windowMs }));
      if (refused.ok) throw new Error('not refused');
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(windowMs);
      await pause(refused.retryAfterMs + 50);
      expect(await store.spent(key, { windowMs })).toEqual({ settledUsd: 0, heldUsd: 0 });
      expect((await peer.reserve(key, spend(0.5, 1, { windowMs }))).ok).toBe(true);
    });

    it('is atomic: 50 reservations at once from two instances, a budget for 10, exactly 10 pass', async () => {
      const key = newKey();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? peer : store).reserve(key, spend(0.1, 1))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0, heldUsd: 1 });
    });

    it('keeps keys apart', async () => {
      const [a, b] = [newKey(), newKey()];
      expect((await store.reserve(a, spend(1, 1))).ok).toBe(true);
      expect((await store.reserve(b, spend(1, 1))).ok).toBe(true);
      expect((await store.hit(a, { requests: 1, windowMs: DAY_MS })).ok).toBe(true);
      expect((await store.hit(b, { requests: 1, windowMs: DAY_MS })).ok).toBe(true);
    });

    it('rate: a sliding-window log allows `requests` per window and says when the next one may come', async () => {
      const key = newKey();
      const windowMs = SHORT_MS;
      expect(await store.hit(key, { requests: 3, windowMs })).toEqual({
        ok: true,
        remaining: 2,
        retryAfterMs: 0,
      });
      expect(await peer.hit(key, { requests: 3, windowMs })).toEqual({
        ok: true,
        remaining: 1,
        retryAfterMs: 0,
      });
      expect(await store.hit(key, { requests: 3, windowMs })).toEqual({
        ok: true,
        remaining: 0,
        retryAfterMs: 0,
      });
      const refused = await peer.hit(key, { requests: 3, windowMs });
      expect(refused).toMatchObject({ ok: false, remaining: 0 });
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(windowMs);
      // The refused request was not counted: once the first three left, three more pass.
      await pause(refused.retryAfterMs + 50);
      for (let i = 0; i < 3; i++)
        expect((await store.hit(key, { requests: 3, windowMs })).ok).toBe(true);
      expect((await store.hit(key, { requests: 3, windowMs })).ok).toBe(false);
    });

    it('rate: atomic across instances, 30 requests at once for a limit of 7', async () => {
      const key = newKey();
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? peer : store).hit(key, { requests: 7, windowMs: DAY_MS }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(7);
    });

    it('keeps the spend and the rate of one key apart, each over its own window', async () => {
      const key = newKey();
      const a = await store.reserve(key, spend(0.5, 1));
      if (!a.ok) throw new Error('refused');
      await store.settle(key, a.id, 0.5);
      for (let i = 0; i < 2; i++) await store.hit(key, { requests: 5, windowMs: 50 });
      await pause(100);
      expect((await store.hit(key, { requests: 5, windowMs: 50 })).remaining).toBe(4);
      expect(await store.spent(key, { windowMs: DAY_MS })).toEqual({ settledUsd: 0.5, heldUsd: 0 });
    });
  });
}
