import type { ImageApi } from '../../models/image-model';

/** What a store keeps about a job besides its events and images. */
export interface JobMeta {
  /** 22 base64url characters (16 random bytes): the job's address and, without owners, its capability. */
  readonly id: string;
  /** The wire the generation speaks, so a resumed stream is read with the right interpreter. */
  readonly wire: ImageApi;
  /** SHA-256 (hex) of what `jobs.owner(request)` returned; undefined without owners. */
  readonly owner: string | undefined;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** How a job ended. `lost` is never stored: followers conclude it when the runner's lease lapses. */
export type JobStatus = 'done' | 'failed' | 'stopped' | 'expired';

/** An upstream error answer that came before any body: replayed as it was to every reader. */
export interface JobFailure {
  readonly status: number;
  /** Only the headers the handler relays (content type, retry-after, generation id, rate limits). */
  readonly headers: Readonly<Record<string, string>>;
  /** Already scrubbed of the key. */
  readonly body: string;
}

export interface JobState {
  readonly meta: JobMeta;
  /** Id of the last event appended (0 before the first). */
  readonly lastEventId: number;
  /** Set once the job has ended. */
  readonly status: JobStatus | undefined;
  readonly failure: JobFailure | undefined;
  /** Epoch ms until which the runner's lease holds (renewed while it runs). */
  readonly leaseUntil: number;
}

/** One stored event of the job stream: SSE `id`, optional `event` name, and `data`. */
export interface JobEvent {
  readonly id: number;
  readonly event?: string | undefined;
  readonly data: string;
}

/** One image, stored once as bytes. */
export interface JobImage {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  /** base64url SHA-256 of the bytes, as sent in `ETag`. */
  readonly sha256: string;
}

/**
 * Where jobs live: events, images and state, shared by every instance of the route handler that
 * uses the same store. Each method is one atomic step of the store's own (one synchronous step in
 * memory, one command, `MULTI` or script on Redis). A store holds no key, cookie or
 * `Authorization` header, and everything of a job expires `ttlMs` after it was created, including
 * what was written later.
 *
 * Writes to a job that is unknown or has expired (`append`, `putImage`, `finish`, `renew`) reject
 * with a `LunosImageError` and create nothing; so do `append` and `putImage` once the job has
 * ended. A backend that cannot be reached makes any method reject with
 * `JobStoreUnavailableError`, promptly: a store never leaves a request hanging.
 *
 * Write one for another backend (Upstash, Durable Objects, a database) by implementing these
 * methods; `memoryJobStore` in `@lunos-image/core/server` is the reference, and the tests every
 * store must pass are `describeJobStore` in `@lunos-image/core/server/testing`.
 */
export interface JobStore {
  /**
   * Registers a new job with an initial lease. Throws `JobStoreFullError` when it cannot take
   * another job (the handler answers 503 with `Retry-After`) and `JobStoreUnavailableError` when
   * the backend cannot be reached (503, nothing sent upstream). An id that exists already is
   * refused (a `LunosImageError`), the existing job untouched, also when two instances race.
   */
  create(meta: JobMeta, options: { ttlMs: number; leaseMs: number }): Promise<void>;
  /** The job, or undefined when unknown or expired. */
  get(id: string): Promise<JobState | undefined>;
  /**
   * Appends an event and returns its id: 1, 2, 3… in order of appending, without gaps, also when
   * several instances append at once. `event` and `data` come back exactly as given.
   */
  append(id: string, event: { event?: string | undefined; data: string }): Promise<number>;
  /** Stores image `index` of the job (0, 1, 2… in arrival order); the same index replaces it. */
  putImage(id: string, index: number, image: JobImage): Promise<void>;
  /** The image byte for byte, with its content type and hash; undefined when unknown or expired. */
  getImage(id: string, index: number): Promise<JobImage | undefined>;
  /**
   * Marks the job ended (after its last event was appended) and wakes its blocked reads. The
   * first end stands: a second `finish` changes nothing.
   */
  finish(id: string, status: JobStatus, failure?: JobFailure): Promise<void>;
  /**
   * The events with an id above `after`, at once when there are any; otherwise waits up to
   * `waitMs` for the next ones (a blocking read: Redis `XREAD BLOCK`, never a polling loop) and
   * returns them, or `[]` when none came in time, when the job has ended, or on `signal`. An
   * unknown or expired job gives `[]` at once.
   */
  read(
    id: string,
    after: number,
    options: { waitMs: number; signal?: AbortSignal | undefined },
  ): Promise<JobEvent[]>;
  /** Extends the runner's lease to now + `leaseMs` (called every few seconds while the upstream runs). */
  renew(id: string, leaseMs: number): Promise<void>;
  /** Asks the runner of the job, on whatever instance, to stop it. Does nothing for an unknown job. */
  requestStop(id: string): Promise<void>;
  /**
   * Resolves when a stop was requested for the job (at once if it already was), waiting without
   * polling; also resolves when `signal` aborts, so check `signal.aborted` to tell them apart.
   */
  stopRequested(id: string, signal: AbortSignal): Promise<void>;
  /**
   * For the handler's `dedupe` and `cache`: one atomic step that sets `hash` to `jobId` for
   * `ttlMs` when nothing holds it, and answers undefined; or, when another job holds it, answers
   * that job's id and changes nothing (memory: synchronous; Redis: one Lua script). Two instances
   * claiming at once: one gets undefined, the other the winner's id. A claim of a job the store
   * drops goes with it (never outlives the job, whether claimed before the job was created or
   * after). Holds the hash and the job id only. Optional: a store without `claim` and `release`
   * cannot serve `dedupe` or `cache` (the handler refuses those options at construction;
   * `describeJobStore` reports its claim tests skipped).
   */
  claim?(hash: string, jobId: string, ttlMs: number): Promise<string | undefined>;
  /** Removes the claim on `hash` if `jobId` holds it (another job's claim is left alone). */
  release?(hash: string, jobId: string): Promise<void>;
}
