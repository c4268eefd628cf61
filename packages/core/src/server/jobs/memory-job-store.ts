import { JobStoreFullError } from '../../errors/job-store-full-error';
import { LunosImageError } from '../../errors/lunos-image-error';
import { ValidationError } from '../../errors/validation-error';
import type {
  JobEvent,
  JobFailure,
  JobImage,
  JobMeta,
  JobState,
  JobStatus,
  JobStore,
} from './job-store';
import { unrefTimer } from './unref-timer';

/**
 * 128 MiB: the default `maxResponseBytes`, the largest answer the client takes, so the biggest
 * job (its images as bytes, events with image URLs) fits whole; about forty jobs of typical
 * 1–3 MB images besides, enough for the minutes in which a dropped connection resumes; and far
 * below the memory of a small container or serverless function (512 MB and up).
 */
export const DEFAULT_MEMORY_JOB_STORE_MAX_BYTES = 128 * 1024 * 1024;

/** Bytes counted for a job's own bookkeeping, and for each event and image besides its data. */
const JOB_BYTES = 512;
const ENTRY_BYTES = 64;

/**
 * The `retryAfterMs` of a full store: running jobs free their room when they end, and an image
 * generation moves on within seconds.
 */
const FULL_RETRY_AFTER_MS = 5_000;

export interface MemoryJobStoreOptions {
  /**
   * What the store may hold: event data (string length) and image bytes, plus a small fixed
   * amount per job, event and image. Default {@link DEFAULT_MEMORY_JOB_STORE_MAX_BYTES}.
   */
  maxBytes?: number;
}

interface MemoryJob {
  readonly meta: JobMeta;
  readonly expiresAt: number;
  readonly events: JobEvent[];
  readonly images: Map<number, JobImage>;
  status: JobStatus | undefined;
  failure: JobFailure | undefined;
  leaseUntil: number;
  stopRequested: boolean;
  bytes: number;
  /** Blocked reads, woken by an append, the end or the job's removal. */
  readonly readers: Set<() => void>;
  readonly stopWaiters: Set<() => void>;
}

/**
 * The job store of one process, and the default: nothing to set up, gone on restart, not shared
 * between instances (use `redisJobStore` from `@lunos-image/redis` for that).
 *
 * Bounded by `maxBytes`: when data would pass it, jobs that ended are dropped, the one that
 * ended longest ago first; a running job is never dropped. While running jobs alone fill it,
 * `create` throws `JobStoreFullError` (the handler answers 503 with `Retry-After`). A running
 * job's own writes are never refused: the store can pass `maxBytes` by what jobs already running
 * write, each bounded by the handler's answer limits, and takes no new job until it is back under.
 *
 * A job is dropped `ttlMs` after it was created, checked when it is next touched and whenever
 * the store needs room: no timer per job. Blocked reads and stop waits are woken by the write
 * they wait for, never by polling; their time limits are timers that do not keep a Node process
 * alive. Runs on every runtime core runs on.
 *
 * Images are kept as the `Uint8Array` given to `putImage`, not copied: do not change it after.
 */
export function memoryJobStore(options: MemoryJobStoreOptions = {}): JobStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_JOB_STORE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < JOB_BYTES) {
    throw new ValidationError('memoryJobStore options', [
      {
        path: 'maxBytes',
        code: 'too_small',
        message: `must be a whole number of bytes of at least ${JOB_BYTES} (got ${maxBytes})`,
      },
    ]);
  }
  const jobs = new Map<string, MemoryJob>();
  /** Jobs that ended, in the order they ended: the first is dropped first. */
  const ended = new Map<string, MemoryJob>();
  let used = 0;
  /**
   * `claim`s (`dedupe`, `cache`): hash → the job holding it, and back. Bounded by the jobs: a
   * claim goes when its job is dropped or released, and a claim without a job lives only while
   * the handler that made it creates the job or gives the claim back.
   */
  const claims = new Map<string, { readonly jobId: string; readonly expiresAt: number }>();
  const claimOf = new Map<string, string>();

  const wake = (waiters: Set<() => void>) => {
    for (const waiter of [...waiters]) waiter();
  };

  const drop = (job: MemoryJob) => {
    const hash = claimOf.get(job.meta.id);
    if (hash !== undefined) {
      claims.delete(hash);
      claimOf.delete(job.meta.id);
    }
    jobs.delete(job.meta.id);
    ended.delete(job.meta.id);
    used -= job.bytes;
    wake(job.readers);
  };

  /** The job, or undefined when unknown or past its time (then dropped). */
  const live = (id: string): MemoryJob | undefined => {
    const job = jobs.get(id);
    if (job && Date.now() >= job.expiresAt) {
      drop(job);
      return undefined;
    }
    return job;
  };

  /** A job that can still be written to; refuses an unknown one and, for events and images, an ended one. */
  const writable = (id: string, action: string, whenEnded: 'refuse' | 'allow'): MemoryJob => {
    const job = live(id);
    if (!job) throw new LunosImageError(`${action}: the job is unknown or has expired`);
    if (job.status && whenEnded === 'refuse') {
      throw new LunosImageError(`${action}: the job has ended`);
    }
    return job;
  };

  /** Makes room for `bytes`: drops expired jobs, then ended ones, oldest first. */
  const reclaim = (bytes: number) => {
    if (used + bytes <= maxBytes) return;
    for (const job of [...jobs.values()]) live(job.meta.id);
    for (const job of ended.values()) {
      if (used + bytes <= maxBytes) return;
      drop(job);
    }
  };

  const grow = (job: MemoryJob, bytes: number) => {
    reclaim(bytes);
    job.bytes += bytes;
    used += bytes;
  };

  return {
    async claim(hash, jobId, ttlMs) {
      // A holder past its time is dropped now, and its claim with it.
      const holder = claims.get(hash)?.jobId;
      if (holder !== undefined) live(holder);
      const held = claims.get(hash);
      if (held && Date.now() < held.expiresAt) return held.jobId;
      if (held) claimOf.delete(held.jobId);
      claims.set(hash, { jobId, expiresAt: Date.now() + ttlMs });
      claimOf.set(jobId, hash);
      return undefined;
    },

    async release(hash, jobId) {
      if (claims.get(hash)?.jobId !== jobId) return;
      claims.delete(hash);
      claimOf.delete(jobId);
    },

    async create(meta, { ttlMs, leaseMs }) {
      if (live(meta.id)) throw new LunosImageError('create: a job with this id already exists');
      reclaim(JOB_BYTES);
      if (used + JOB_BYTES > maxBytes) {
        throw new JobStoreFullError({
          retryAfterMs: FULL_RETRY_AFTER_MS,
          detail: `running jobs hold ${used} of ${maxBytes} bytes`,
        });
      }
      const now = Date.now();
      jobs.set(meta.id, {
        meta: { ...meta },
        expiresAt: now + ttlMs,
        events: [],
        images: new Map(),
        status: undefined,
        failure: undefined,
        leaseUntil: now + leaseMs,
        stopRequested: false,
        bytes: JOB_BYTES,
        readers: new Set(),
        stopWaiters: new Set(),
      });
      used += JOB_BYTES;
    },

    async get(id): Promise<JobState | undefined> {
      const job = live(id);
      if (!job) return undefined;
      return {
        meta: job.meta,
        lastEventId: job.events.length,
        status: job.status,
        failure: job.failure,
        leaseUntil: job.leaseUntil,
      };
    },

    async append(id, { event, data }) {
      const job = writable(id, 'append', 'refuse');
      grow(job, ENTRY_BYTES + data.length + (event?.length ?? 0));
      const stored: JobEvent =
        event === undefined
          ? { id: job.events.length + 1, data }
          : { id: job.events.length + 1, event, data };
      job.events.push(stored);
      wake(job.readers);
      return stored.id;
    },

    async putImage(id, index, image) {
      const job = writable(id, 'putImage', 'refuse');
      const before = job.images.get(index);
      if (before) {
        job.bytes -= imageBytes(before);
        used -= imageBytes(before);
      }
      grow(job, imageBytes(image));
      job.images.set(index, {
        bytes: image.bytes,
        contentType: image.contentType,
        sha256: image.sha256,
      });
    },

    async getImage(id, index) {
      return live(id)?.images.get(index);
    },

    async finish(id, status, failure) {
      const job = writable(id, 'finish', 'allow');
      // The first end stands: a stop racing the time limit does not rewrite it.
      if (job.status) return;
      job.status = status;
      if (failure) {
        job.failure = {
          status: failure.status,
          headers: { ...failure.headers },
          body: failure.body,
        };
        grow(job, ENTRY_BYTES + failure.body.length + JSON.stringify(failure.headers).length);
      }
      ended.set(id, job);
      wake(job.readers);
    },

    async read(id, after, { waitMs, signal }) {
      const job = live(id);
      if (!job || signal?.aborted) return [];
      const ready = job.events.slice(Math.max(0, Math.floor(after)));
      if (ready.length > 0 || job.status || waitMs <= 0) return ready;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          job.readers.delete(done);
          resolve();
        };
        const timer = unrefTimer(setTimeout(done, waitMs));
        signal?.addEventListener('abort', done, { once: true });
        job.readers.add(done);
      });
      if (signal?.aborted || !live(id)) return [];
      return job.events.slice(Math.max(0, Math.floor(after)));
    },

    async renew(id, leaseMs) {
      writable(id, 'renew', 'allow').leaseUntil = Date.now() + leaseMs;
    },

    async requestStop(id) {
      const job = live(id);
      if (!job) return;
      job.stopRequested = true;
      wake(job.stopWaiters);
    },

    async stopRequested(id, signal) {
      const job = live(id);
      if (job?.stopRequested || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          job?.stopWaiters.delete(done);
          resolve();
        };
        signal.addEventListener('abort', done, { once: true });
        job?.stopWaiters.add(done);
      });
    },
  };
}

function imageBytes(image: JobImage): number {
  return ENTRY_BYTES + image.bytes.byteLength + image.contentType.length + image.sha256.length;
}
