import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { LunosImageError } from '../../errors/lunos-image-error';
import { base64url } from './base64url';
import type { JobImage, JobMeta, JobStore } from './job-store';
import { newJobId } from './new-job-id';

/** What `describeJobStore` runs its tests against, opened afresh for each test. */
export interface JobStoreHarness {
  /** The store under test. */
  store: JobStore;
  /**
   * A second store on the same backend, as another server instance opens it (its own client and
   * connections), to show that events, images and stops cross instances. A store that lives in
   * one process passes the store itself.
   */
  peer: JobStore;
  /** Closes what the harness opened (connections); called after each test. */
  close?: (() => void | Promise<void>) | undefined;
}

/** Waits that must time out are this long; waits that must be cut short are given LONG_WAIT_MS. */
const SHORT_WAIT_MS = 150;
const LONG_WAIT_MS = 10_000;
/**
 * A cut-short wait must end well before LONG_WAIT_MS: within this, round trips and new
 * connections included, on a loaded machine.
 */
const PROMPT_MS = 4_000;
const TTL_MS = 60_000;
const LEASE_MS = 10_000;

function metaOf(overrides: Partial<JobMeta> = {}): JobMeta {
  return {
    id: newJobId(),
    wire: 'chat',
    owner: undefined,
    createdAt: Date.now(),
    ...overrides,
  };
}

/** Every byte value, CR/LF pairs and NULs, over more than one network read. */
function imageBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) % 256;
  bytes.set([0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0xff], 0);
  return bytes;
}

async function imageOf(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<JobImage> {
  const sha256 = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  return { bytes, contentType, sha256 };
}

function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual?.byteLength).toBe(expected.byteLength);
  const first = actual?.findIndex((b, i) => b !== expected[i]);
  expect(first, 'index of the first differing byte').toBe(-1);
}

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - start };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The contract every `JobStore` must meet, as vitest tests: call it from a test file of your
 * store with a function that opens it (and, for a shared backend, a second instance on the same
 * backend). The route handler relies on nothing else, so a store that passes works with it.
 *
 * ```ts
 * import { describeJobStore } from '@lunos-image/core/server/testing';
 *
 * describeJobStore('my store', () => {
 *   const store = myJobStore({ url });
 *   const peer = myJobStore({ url });
 *   return { store, peer, close: () => Promise.all([store.close(), peer.close()]) };
 * });
 * ```
 *
 * The tests wait on the real clock (time limits of 150 ms, job lifetimes of under a second), so
 * the suite takes a few seconds.
 */
export function describeJobStore(
  name: string,
  open: () => JobStoreHarness | Promise<JobStoreHarness>,
): void {
  describe(`JobStore contract: ${name}`, { timeout: 30_000 }, () => {
    let store: JobStore;
    let peer: JobStore;
    let harness: JobStoreHarness | undefined;

    beforeEach(async () => {
      harness = await open();
      ({ store, peer } = harness);
    });
    afterEach(async () => {
      await harness?.close?.();
      harness = undefined;
    });

    /** A new job on the store under test. */
    async function created(overrides: Partial<JobMeta> = {}): Promise<JobMeta> {
      const meta = metaOf(overrides);
      await store.create(meta, { ttlMs: TTL_MS, leaseMs: LEASE_MS });
      return meta;
    }

    describe('create and get', () => {
      it('gives back what was created, with no events, no end and the lease', async () => {
        const before = Date.now();
        const meta = await created({ wire: 'images', owner: 'a'.repeat(64) });
        const after = Date.now();
        const state = await peer.get(meta.id);
        expect(state).toEqual({
          meta,
          lastEventId: 0,
          status: undefined,
          failure: undefined,
          leaseUntil: expect.any(Number),
        });
        expect(state?.leaseUntil).toBeGreaterThanOrEqual(before + LEASE_MS);
        expect(state?.leaseUntil).toBeLessThanOrEqual(after + LEASE_MS);
      });

      it('keeps an owner that is undefined as undefined', async () => {
        const meta = await created({ owner: undefined });
        const state = await store.get(meta.id);
        expect(state?.meta.owner).toBeUndefined();
        expect(state?.meta).toEqual(meta);
      });

      it('answers undefined for an id it never saw', async () => {
        expect(await store.get(newJobId())).toBeUndefined();
      });

      it('refuses a second job with the same id, from any instance, and keeps the first', async () => {
        const meta = await created({ wire: 'chat' });
        const again = peer.create(
          { ...meta, wire: 'images' },
          { ttlMs: TTL_MS, leaseMs: LEASE_MS },
        );
        await expect(again).rejects.toSatisfy((e) => LunosImageError.isInstance(e));
        expect((await store.get(meta.id))?.meta.wire).toBe('chat');
      });
    });

    describe('append', () => {
      it('numbers events 1, 2, 3… and keeps their name and data exactly', async () => {
        const { id } = await created();
        const data = ['{"a":1}', 'line one\nline two', 'ünïcødé ✓ 🖼', '', '[DONE]'];
        const ids = [];
        for (const [i, d] of data.entries()) {
          ids.push(await store.append(id, i === 1 ? { event: 'image', data: d } : { data: d }));
        }
        expect(ids).toEqual([1, 2, 3, 4, 5]);
        const events = await peer.read(id, 0, { waitMs: 0 });
        expect(events).toEqual(
          data.map((d, i) =>
            i === 1 ? { id: i + 1, event: 'image', data: d } : { id: i + 1, data: d },
          ),
        );
        expect(events[0]).not.toHaveProperty('event', expect.anything());
        expect((await peer.get(id))?.lastEventId).toBe(5);
      });

      it('gives concurrent appends from two instances distinct ids with no gap', async () => {
        const { id } = await created();
        const ids = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? peer : store).append(id, { data: `event ${i}` }),
          ),
        );
        expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const events = await store.read(id, 0, { waitMs: 0 });
        expect(events.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        // Each id carries the data of the append that got it.
        for (const [i, eventId] of ids.entries()) {
          expect(events[eventId - 1]?.data).toBe(`event ${i}`);
        }
      });

      it('keeps each job its own sequence', async () => {
        const a = await created();
        const b = await created();
        expect(await store.append(a.id, { data: 'a1' })).toBe(1);
        expect(await store.append(b.id, { data: 'b1' })).toBe(1);
        expect(await store.append(a.id, { data: 'a2' })).toBe(2);
        expect(await store.read(a.id, 0, { waitMs: 0 })).toEqual([
          { id: 1, data: 'a1' },
          { id: 2, data: 'a2' },
        ]);
        expect(await store.read(b.id, 0, { waitMs: 0 })).toEqual([{ id: 1, data: 'b1' }]);
        expect((await store.get(b.id))?.lastEventId).toBe(1);
      });

      it('refuses events for an unknown job without creating it', async () => {
        const id = newJobId();
        await expect(store.append(id, { data: 'x' })).rejects.toSatisfy((e) =>
          LunosImageError.isInstance(e),
        );
        expect(await store.get(id)).toBeUndefined();
        expect(await store.read(id, 0, { waitMs: 0 })).toEqual([]);
      });

      it('refuses events after the job ended', async () => {
        const { id } = await created();
        await store.append(id, { event: 'lunos.end', data: '{"status":"done"}' });
        await store.finish(id, 'done');
        await expect(peer.append(id, { data: 'late' })).rejects.toSatisfy((e) =>
          LunosImageError.isInstance(e),
        );
        expect((await store.read(id, 0, { waitMs: 0 })).map((e) => e.data)).toEqual([
          '{"status":"done"}',
        ]);
      });
    });

    describe('read', () => {
      it('returns the events after `after` at once when there are some', async () => {
        const { id } = await created();
        for (const data of ['one', 'two', 'three']) await store.append(id, { data });
        const all = await timed(peer.read(id, 0, { waitMs: LONG_WAIT_MS }));
        expect(all.value.map((e) => e.data)).toEqual(['one', 'two', 'three']);
        expect(all.ms).toBeLessThan(PROMPT_MS);
        expect(await peer.read(id, 2, { waitMs: LONG_WAIT_MS })).toEqual([
          { id: 3, data: 'three' },
        ]);
      });

      it('waits for the next event and wakes up when another instance appends it', async () => {
        const { id } = await created();
        await store.append(id, { data: 'first' });
        const read = timed(store.read(id, 1, { waitMs: LONG_WAIT_MS }));
        await pause(50);
        await peer.append(id, { event: 'image', data: 'second' });
        const { value, ms } = await read;
        expect(value).toEqual([{ id: 2, event: 'image', data: 'second' }]);
        expect(ms).toBeLessThan(PROMPT_MS);
      });

      it('waits for the first event of a job that has none yet', async () => {
        const { id } = await created();
        const read = timed(peer.read(id, 0, { waitMs: LONG_WAIT_MS }));
        await pause(50);
        await store.append(id, { data: 'first' });
        const { value, ms } = await read;
        expect(value).toEqual([{ id: 1, data: 'first' }]);
        expect(ms).toBeLessThan(PROMPT_MS);
      });

      it('returns [] when nothing came within waitMs', async () => {
        const { id } = await created();
        await store.append(id, { data: 'first' });
        const { value, ms } = await timed(store.read(id, 1, { waitMs: SHORT_WAIT_MS }));
        expect(value).toEqual([]);
        expect(ms).toBeGreaterThanOrEqual(SHORT_WAIT_MS - 20);
        expect(ms).toBeLessThan(SHORT_WAIT_MS + PROMPT_MS);
        // The store is still usable after a read timed out.
        await store.append(id, { data: 'second' });
        expect(await store.read(id, 1, { waitMs: 0 })).toEqual([{ id: 2, data: 'second' }]);
      });

      it('returns [] when the job ends while it waits', async () => {
        const { id } = await created();
        await store.append(id, { data: 'first' });
        const read = timed(store.read(id, 1, { waitMs: LONG_WAIT_MS }));
        await pause(50);
        await peer.finish(id, 'stopped');
        const { value, ms } = await read;
        expect(value).toEqual([]);
        expect(ms).toBeLessThan(PROMPT_MS);
      });

      it('returns [] at once for an ended job with nothing after `after`, and replays it from the start', async () => {
        const { id } = await created();
        await store.append(id, { data: 'first' });
        await store.append(id, { event: 'lunos.end', data: '{"status":"done"}' });
        await store.finish(id, 'done');
        const tail = await timed(peer.read(id, 2, { waitMs: LONG_WAIT_MS }));
        expect(tail.value).toEqual([]);
        expect(tail.ms).toBeLessThan(PROMPT_MS);
        expect((await peer.read(id, 0, { waitMs: LONG_WAIT_MS })).map((e) => e.id)).toEqual([1, 2]);
      });

      it('returns [] when its signal aborts, and at once when it already has', async () => {
        const { id } = await created();
        const controller = new AbortController();
        const read = timed(store.read(id, 0, { waitMs: LONG_WAIT_MS, signal: controller.signal }));
        await pause(50);
        controller.abort();
        const { value, ms } = await read;
        expect(value).toEqual([]);
        expect(ms).toBeLessThan(PROMPT_MS);
        const again = await timed(
          store.read(id, 0, { waitMs: LONG_WAIT_MS, signal: controller.signal }),
        );
        expect(again.value).toEqual([]);
        expect(again.ms).toBeLessThan(PROMPT_MS);
        // An abandoned read leaves the store working for the next one.
        await store.append(id, { data: 'after the abort' });
        expect(await store.read(id, 0, { waitMs: LONG_WAIT_MS })).toEqual([
          { id: 1, data: 'after the abort' },
        ]);
      });

      it('returns [] at once for an unknown job', async () => {
        const { value, ms } = await timed(store.read(newJobId(), 0, { waitMs: LONG_WAIT_MS }));
        expect(value).toEqual([]);
        expect(ms).toBeLessThan(PROMPT_MS);
      });

      it('wakes many readers of one job, and only the readers of that job', async () => {
        const a = await created();
        const b = await created();
        const readsOfA = [store, peer, store].map((s) => s.read(a.id, 0, { waitMs: LONG_WAIT_MS }));
        const readOfB = timed(peer.read(b.id, 0, { waitMs: SHORT_WAIT_MS * 2 }));
        await pause(50);
        await store.append(a.id, { data: 'for a' });
        for (const events of await Promise.all(readsOfA)) {
          expect(events).toEqual([{ id: 1, data: 'for a' }]);
        }
        const { value } = await readOfB;
        expect(value).toEqual([]);
      });
    });

    describe('images', () => {
      it('gives back the bytes, content type and sha256 exactly, on another instance', async () => {
        const { id } = await created();
        const png = await imageOf(imageBytes(300_000, 7), 'image/png');
        const jpeg = await imageOf(imageBytes(1_024, 99), 'image/jpeg');
        await store.putImage(id, 0, png);
        await store.putImage(id, 1, jpeg);
        const first = await peer.getImage(id, 0);
        expectSameBytes(first?.bytes, png.bytes);
        expect(first?.contentType).toBe('image/png');
        expect(first?.sha256).toBe(png.sha256);
        const second = await peer.getImage(id, 1);
        expectSameBytes(second?.bytes, jpeg.bytes);
        expect(second?.contentType).toBe('image/jpeg');
        expect(second?.sha256).toBe(jpeg.sha256);
      });

      it('answers undefined for an index never stored and for an unknown job', async () => {
        const { id } = await created();
        await store.putImage(id, 0, await imageOf(imageBytes(64, 1), 'image/webp'));
        expect(await store.getImage(id, 1)).toBeUndefined();
        expect(await store.getImage(newJobId(), 0)).toBeUndefined();
      });

      it('keeps images apart between jobs', async () => {
        const a = await created();
        const b = await created();
        const image = await imageOf(imageBytes(64, 2), 'image/png');
        await store.putImage(a.id, 0, image);
        expect(await store.getImage(b.id, 0)).toBeUndefined();
      });

      it('refuses an image for an unknown job without creating it', async () => {
        const id = newJobId();
        const put = store.putImage(id, 0, await imageOf(imageBytes(64, 3), 'image/png'));
        await expect(put).rejects.toSatisfy((e) => LunosImageError.isInstance(e));
        expect(await store.get(id)).toBeUndefined();
        expect(await store.getImage(id, 0)).toBeUndefined();
      });
    });

    describe('finish', () => {
      it('records how the job ended, seen from every instance', async () => {
        const { id } = await created();
        await store.append(id, { event: 'lunos.end', data: '{"status":"done"}' });
        await store.finish(id, 'done');
        expect(await peer.get(id)).toMatchObject({
          status: 'done',
          failure: undefined,
          lastEventId: 1,
        });
      });

      it('keeps the failure an upstream answered before any body', async () => {
        const { id } = await created();
        const failure = {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '16' },
          body: '{"error":{"code":429,"message":"Rate limit exceeded"}}',
        };
        await store.finish(id, 'failed', failure);
        const state = await peer.get(id);
        expect(state?.status).toBe('failed');
        expect(state?.failure).toEqual(failure);
      });

      it('keeps the first end when a job is ended twice', async () => {
        const { id } = await created();
        await store.finish(id, 'stopped');
        await peer.finish(id, 'expired');
        expect((await store.get(id))?.status).toBe('stopped');
      });

      it('refuses to end an unknown job without creating it', async () => {
        const id = newJobId();
        await expect(store.finish(id, 'done')).rejects.toSatisfy((e) =>
          LunosImageError.isInstance(e),
        );
        expect(await store.get(id)).toBeUndefined();
      });
    });

    describe('renew', () => {
      it('moves leaseUntil to now + leaseMs', async () => {
        const { id } = await created();
        const before = Date.now();
        await store.renew(id, 5 * LEASE_MS);
        const after = Date.now();
        const leaseUntil = (await peer.get(id))?.leaseUntil ?? 0;
        expect(leaseUntil).toBeGreaterThanOrEqual(before + 5 * LEASE_MS);
        expect(leaseUntil).toBeLessThanOrEqual(after + 5 * LEASE_MS);
      });

      it('refuses to renew an unknown job without creating it', async () => {
        const id = newJobId();
        await expect(store.renew(id, LEASE_MS)).rejects.toSatisfy((e) =>
          LunosImageError.isInstance(e),
        );
        expect(await store.get(id)).toBeUndefined();
      });
    });

    describe('stop', () => {
      it('wakes a runner waiting on one instance when another instance asks', async () => {
        const { id } = await created();
        const controller = new AbortController();
        let stopped = false;
        const waiting = store.stopRequested(id, controller.signal).then(() => {
          stopped = true;
        });
        await pause(50);
        expect(stopped).toBe(false);
        const { ms } = await timed(peer.requestStop(id).then(() => waiting));
        expect(stopped).toBe(true);
        expect(ms).toBeLessThan(PROMPT_MS);
        controller.abort();
      });

      it('resolves at once when a stop was already asked for', async () => {
        const { id } = await created();
        await peer.requestStop(id);
        const { ms } = await timed(store.stopRequested(id, new AbortController().signal));
        expect(ms).toBeLessThan(PROMPT_MS);
      });

      it('ends on its signal without a stop, and a stop of one job leaves others waiting', async () => {
        const a = await created();
        const b = await created();
        const controller = new AbortController();
        let bStopped = false;
        const waitingB = store.stopRequested(b.id, controller.signal).then(() => {
          bStopped = true;
        });
        await store.stopRequested(a.id, AbortSignal.abort());
        await peer.requestStop(a.id);
        await pause(100);
        expect(bStopped).toBe(false);
        controller.abort();
        const { ms } = await timed(waitingB);
        expect(ms).toBeLessThan(PROMPT_MS);
        expect(bStopped).toBe(true);
      });

      it('asking to stop an unknown job does nothing and creates nothing', async () => {
        const id = newJobId();
        await store.requestStop(id);
        expect(await store.get(id)).toBeUndefined();
      });
    });

    describe('expiry', () => {
      it('forgets a job ttlMs after it was created: state, events and images, even those written late', async () => {
        const meta = metaOf();
        const ttlMs = 600;
        await store.create(meta, { ttlMs, leaseMs: LEASE_MS });
        const created = Date.now();
        await pause(300);
        // Written halfway through: they go with the job, not ttlMs after being written.
        await store.append(meta.id, { data: 'late event' });
        await store.putImage(meta.id, 0, await imageOf(imageBytes(64, 4), 'image/png'));
        expect(await peer.read(meta.id, 0, { waitMs: 0 })).toHaveLength(1);
        await pause(created + ttlMs + 250 - Date.now());
        expect(await peer.get(meta.id)).toBeUndefined();
        const read = await timed(peer.read(meta.id, 0, { waitMs: LONG_WAIT_MS }));
        expect(read.value).toEqual([]);
        expect(read.ms).toBeLessThan(PROMPT_MS);
        expect(await peer.getImage(meta.id, 0)).toBeUndefined();
        await expect(store.append(meta.id, { data: 'too late' })).rejects.toSatisfy((e) =>
          LunosImageError.isInstance(e),
        );
        expect(await store.get(meta.id)).toBeUndefined();
      });

      it('keeps a job until its ttlMs has passed', async () => {
        const meta = metaOf();
        await store.create(meta, { ttlMs: 1_500, leaseMs: LEASE_MS });
        await store.append(meta.id, { data: 'kept' });
        await pause(300);
        expect((await peer.get(meta.id))?.lastEventId).toBe(1);
        expect(await peer.read(meta.id, 0, { waitMs: 0 })).toEqual([{ id: 1, data: 'kept' }]);
      });
    });

    describe('claim and release (dedupe, cache)', () => {
      /** The store's claim and release, or the test reported skipped: both are optional. */
      function claims(context: TestContext): {
        claimer: Required<JobStore>;
        other: Required<JobStore>;
      } {
        if (typeof store.claim !== 'function' || typeof store.release !== 'function') {
          context.skip(
            'the store has no claim and release: the handler refuses dedupe and cache with it',
          );
        }
        return { claimer: store as Required<JobStore>, other: peer as Required<JobStore> };
      }
      const hashOf = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

      it('answers undefined for a free key; a second claim answers the holder and changes nothing', async (context) => {
        const { claimer, other } = claims(context);
        const hash = hashOf();
        const [first, second, third] = [newJobId(), newJobId(), newJobId()];
        expect(await claimer.claim(hash, first, TTL_MS)).toBeUndefined();
        expect(await other.claim(hash, second, TTL_MS)).toBe(first);
        expect(await claimer.claim(hash, third, TTL_MS)).toBe(first);
        // Another key is its own.
        expect(await other.claim(hashOf(), second, TTL_MS)).toBeUndefined();
      });

      it('is released only by its holder, on any instance', async (context) => {
        const { claimer, other } = claims(context);
        const hash = hashOf();
        const [holder, stranger, next] = [newJobId(), newJobId(), newJobId()];
        await claimer.claim(hash, holder, TTL_MS);
        await other.release(hash, stranger);
        expect(await claimer.claim(hash, next, TTL_MS)).toBe(holder);
        await other.release(hash, holder);
        expect(await claimer.claim(hash, next, TTL_MS)).toBeUndefined();
        expect(await other.claim(hash, holder, TTL_MS)).toBe(next);
      });

      it('releasing a key nobody holds does nothing', async (context) => {
        const { claimer } = claims(context);
        const hash = hashOf();
        await claimer.release(hash, newJobId());
        const id = newJobId();
        expect(await claimer.claim(hash, id, TTL_MS)).toBeUndefined();
      });

      it('lets a claim go ttlMs after it was made, and keeps it until then', async (context) => {
        const { claimer, other } = claims(context);
        const hash = hashOf();
        const holder = newJobId();
        await claimer.claim(hash, holder, 600);
        // Taken by now at the latest (a first call may open connections first).
        const claimed = Date.now();
        await pause(100);
        expect(await other.claim(hash, newJobId(), TTL_MS)).toBe(holder);
        await pause(claimed + 600 + 150 - Date.now());
        const next = newJobId();
        expect(await other.claim(hash, next, TTL_MS)).toBeUndefined();
        expect(await claimer.claim(hash, newJobId(), TTL_MS)).toBe(next);
      });

      it('drops the claim of a job with the job, even a claim made to last longer', async (context) => {
        const { claimer, other } = claims(context);
        const [before, after] = [hashOf(), hashOf()];
        const [early, late] = [metaOf(), metaOf()];
        const ttlMs = 400;
        // One job claims its key before it is created (as the handler does), one after.
        await claimer.claim(before, early.id, TTL_MS);
        await store.create(early, { ttlMs, leaseMs: LEASE_MS });
        await store.create(late, { ttlMs, leaseMs: LEASE_MS });
        const created = Date.now();
        await claimer.claim(after, late.id, TTL_MS);
        expect(await other.claim(before, newJobId(), TTL_MS)).toBe(early.id);
        expect(await other.claim(after, newJobId(), TTL_MS)).toBe(late.id);
        await pause(created + ttlMs + 150 - Date.now());
        expect(await other.get(early.id)).toBeUndefined();
        expect(await other.claim(before, newJobId(), TTL_MS)).toBeUndefined();
        expect(await other.claim(after, newJobId(), TTL_MS)).toBeUndefined();
      });

      it('gives exactly one of many concurrent claims from two instances the key', async (context) => {
        const { claimer, other } = claims(context);
        const hash = hashOf();
        const ids = Array.from({ length: 20 }, () => newJobId());
        const answers = await Promise.all(
          ids.map((id, i) => (i % 2 === 0 ? claimer : other).claim(hash, id, TTL_MS)),
        );
        const winners = ids.filter((_, i) => answers[i] === undefined);
        expect(winners).toHaveLength(1);
        for (const answer of answers) if (answer !== undefined) expect(answer).toBe(winners[0]);
      });
    });
  });
}
