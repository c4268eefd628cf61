import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobStoreFullError } from '../../errors/job-store-full-error';
import { ValidationError } from '../../errors/validation-error';
import { describeJobStore } from '../testing';
import type { JobMeta, JobStore } from './job-store';
import { DEFAULT_MEMORY_JOB_STORE_MAX_BYTES, memoryJobStore } from './memory-job-store';

describeJobStore('memoryJobStore', () => {
  const store = memoryJobStore();
  return { store, peer: store };
});

let next = 0;
const metaOf = (): JobMeta => ({
  id: `job-${++next}`,
  wire: 'chat',
  owner: undefined,
  createdAt: Date.now(),
});
const options = { ttlMs: 3_600_000, leaseMs: 10_000 };
const KiB = 1024;

/** Creates a job and appends `bytes` of event data to it. */
async function jobWith(store: JobStore, bytes: number, end?: 'done'): Promise<JobMeta> {
  const meta = metaOf();
  await store.create(meta, options);
  await store.append(meta.id, { data: 'x'.repeat(bytes) });
  if (end) await store.finish(meta.id, end);
  return meta;
}

const known = async (store: JobStore, meta: JobMeta) => (await store.get(meta.id)) !== undefined;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('memoryJobStore: bounded in bytes', () => {
  it('holds 128 MiB by default', () => {
    expect(DEFAULT_MEMORY_JOB_STORE_MAX_BYTES).toBe(128 * 1024 * 1024);
  });

  it('drops the job that ended longest ago first when new data needs room', async () => {
    const store = memoryJobStore({ maxBytes: 100 * KiB });
    const a = await jobWith(store, 30 * KiB);
    const b = await jobWith(store, 30 * KiB);
    // b ends before a: b is the oldest ended job, though a was created first.
    await store.finish(b.id, 'done');
    await store.finish(a.id, 'done');
    await jobWith(store, 30 * KiB);
    expect(await known(store, a)).toBe(true);
    expect(await known(store, b)).toBe(true);
    await jobWith(store, 30 * KiB);
    expect(await known(store, b)).toBe(false);
    expect(await known(store, a)).toBe(true);
  });

  it('counts image bytes and drops ended jobs to make room for an image', async () => {
    const store = memoryJobStore({ maxBytes: 100 * KiB });
    const ended = await jobWith(store, 10 * KiB, 'done');
    const running = await jobWith(store, 10 * KiB);
    await store.putImage(running.id, 0, {
      bytes: new Uint8Array(70 * KiB),
      contentType: 'image/png',
      sha256: 'x',
    });
    expect(await known(store, ended)).toBe(true);
    await store.putImage(running.id, 1, {
      bytes: new Uint8Array(15 * KiB),
      contentType: 'image/png',
      sha256: 'y',
    });
    expect(await known(store, ended)).toBe(false);
    expect((await store.getImage(running.id, 0))?.bytes.byteLength).toBe(70 * KiB);
  });

  it('never drops a running job: create throws JobStoreFullError with a retry hint instead', async () => {
    const store = memoryJobStore({ maxBytes: 100 * KiB });
    const running = [await jobWith(store, 50 * KiB), await jobWith(store, 50 * KiB)];
    const refused = store.create(metaOf(), options);
    await expect(refused).rejects.toBeInstanceOf(JobStoreFullError);
    const error = (await refused.catch((e: unknown) => e)) as JobStoreFullError;
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.message).toMatch(/full.*running jobs hold \d+ of 102400 bytes/);
    for (const meta of running) expect(await known(store, meta)).toBe(true);
    // A running job's own writes still go through, past the bound.
    expect(await store.append(running[0]!.id, { data: 'x'.repeat(10 * KiB) })).toBe(2);
    // Once one ends, it makes room and a new job is taken.
    await store.finish(running[1]!.id, 'done');
    await expect(store.create(metaOf(), options)).resolves.toBeUndefined();
    expect(await known(store, running[1]!)).toBe(false);
    expect(await known(store, running[0]!)).toBe(true);
  });

  it('frees the room of a replaced image', async () => {
    const store = memoryJobStore({ maxBytes: 100 * KiB });
    const meta = await jobWith(store, 0);
    const image = { bytes: new Uint8Array(60 * KiB), contentType: 'image/png', sha256: 'x' };
    await store.putImage(meta.id, 0, image);
    await store.putImage(meta.id, 0, image);
    // Counted twice, the second job would not fit.
    await expect(jobWith(store, 30 * KiB)).resolves.toBeDefined();
  });

  it('refuses a maxBytes that is not a whole number of bytes', () => {
    for (const maxBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => memoryJobStore({ maxBytes })).toThrow(ValidationError);
    }
    expect(() => memoryJobStore({ maxBytes: 0 })).toThrow(/maxBytes/);
  });
});

describe('memoryJobStore: time', () => {
  it('forgets a job exactly ttlMs after it was created, and frees its room', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore({ maxBytes: 100 * KiB });
    const meta = metaOf();
    await store.create(meta, { ttlMs: 60_000, leaseMs: 1_000 });
    await store.append(meta.id, { data: 'x'.repeat(80 * KiB) });
    await store.putImage(meta.id, 0, {
      bytes: new Uint8Array(8),
      contentType: 'image/png',
      sha256: 'x',
    });
    vi.advanceTimersByTime(59_999);
    expect(await known(store, meta)).toBe(true);
    vi.advanceTimersByTime(1);
    expect(await store.get(meta.id)).toBeUndefined();
    expect(await store.read(meta.id, 0, { waitMs: 0 })).toEqual([]);
    expect(await store.getImage(meta.id, 0)).toBeUndefined();
    // Its room is free again though the job was running: a job of 80 KiB fits.
    await expect(jobWith(store, 80 * KiB)).resolves.toBeDefined();
  });

  it('drops expired jobs it was not asked about when it needs room', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore({ maxBytes: 100 * KiB });
    const old = metaOf();
    await store.create(old, { ttlMs: 1_000, leaseMs: 1_000 });
    await store.append(old.id, { data: 'x'.repeat(100 * KiB) });
    await expect(store.create(metaOf(), options)).rejects.toBeInstanceOf(JobStoreFullError);
    vi.advanceTimersByTime(1_000);
    // The old job never ended and was not touched again: only its expiry frees the room.
    await expect(store.create(metaOf(), options)).resolves.toBeUndefined();
  });

  it('wakes a blocked read on append with no timer but its own time limit (no polling)', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore();
    const meta = metaOf();
    await store.create(meta, options);
    const read = store.read(meta.id, 0, { waitMs: 30_000 });
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(1);
    await store.append(meta.id, { data: 'now' });
    await expect(read).resolves.toEqual([{ id: 1, data: 'now' }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends a blocked read after exactly waitMs', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore();
    const meta = metaOf();
    await store.create(meta, options);
    let result: unknown;
    void store.read(meta.id, 0, { waitMs: 5_000 }).then((events) => {
      result = events;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual([]);
  });

  it('waits on timers that do not keep the process alive', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const store = memoryJobStore();
    const meta = metaOf();
    await store.create(meta, options);
    const controller = new AbortController();
    const read = store.read(meta.id, 0, { waitMs: 60_000, signal: controller.signal });
    const handle = setTimeoutSpy.mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
    controller.abort();
    await expect(read).resolves.toEqual([]);
  });

  it('a stop wait uses no timer at all', async () => {
    vi.useFakeTimers();
    const store = memoryJobStore();
    const meta = metaOf();
    await store.create(meta, options);
    const stopped = store.stopRequested(meta.id, new AbortController().signal);
    expect(vi.getTimerCount()).toBe(0);
    await store.requestStop(meta.id);
    await expect(stopped).resolves.toBeUndefined();
  });
});
