import { LunosImageError } from '@lunos-image/core';
import {
  type JobEvent,
  type JobFailure,
  type JobImage,
  type JobState,
  type JobStatus,
  type JobStore,
  JobStoreFullError,
  JobStoreUnavailableError,
  type LimitStore,
} from '@lunos-image/core/server';
import { ErrorReply } from '@redis/client';
import { checkRedisOptions } from './check-redis-options';
import { claimKey, jobKeys } from './job-keys';
import {
  appendScript,
  claimScript,
  createScript,
  ENDED_JOB,
  finishScript,
  noteClaimScript,
  putImageScript,
  readScript,
  releaseScript,
  renewScript,
  requestStopScript,
  shortenClaimScript,
} from './job-scripts';
import { RedisConnections, type RedisSourceOptions } from './redis-connections';
import { limitOperations } from './redis-limit-store';

interface CommonOptions {
  /** Prepended to every key and channel, to share a Redis with other data. Default `lunos-image:`. */
  prefix?: string;
  /** How long a connection to Redis may take before the store gives up. Default 2 000 ms. */
  connectTimeoutMs?: number;
  /** How long one command may take (a blocking read: its `waitMs` plus this). Default 5 000 ms. */
  commandTimeoutMs?: number;
  /** Blocking reads in flight at once, each on its own connection; more wait their turn. Default 64. */
  maxBlockingConnections?: number;
}

export type RedisJobStoreOptions = CommonOptions & RedisSourceOptions;

/**
 * A `JobStore` on Redis, with `close()` for the connections it opened. It is a `LimitStore` too
 * (the operations of `redisLimitStore`, on the same connections): the route handler counts
 * `limits.spend` and `limits.rate` in it when no `limits.store` is given.
 */
export interface RedisJobStore extends JobStore, LimitStore {
  /**
   * Always there: the handler's `dedupe` and `cache` work with this store. One Lua script; the
   * claim ends with its job at the latest.
   */
  claim(hash: string, jobId: string, ttlMs: number): Promise<string | undefined>;
  /** Deletes the claim on `hash` only if `jobId` holds it (compare and delete, one script). */
  release(hash: string, jobId: string): Promise<void>;
  /** Closes the store's connections at once; calls in flight reject. */
  close(): Promise<void>;
}

const DEFAULTS = {
  prefix: 'lunos-image:',
  connectTimeoutMs: 2_000,
  commandTimeoutMs: 5_000,
  maxBlockingConnections: 64,
};

/** The hint of a Redis out of memory (`maxmemory` with `noeviction`): jobs running now end and expire. */
const FULL_RETRY_AFTER_MS = 5_000;

type StreamEntry = [id: string, fields: string[]];

/**
 * A job store on Redis: every instance of the route handler that uses the same Redis sees every
 * job, follows it live and can stop it. Each job is a hash (its state), a stream (its events,
 * entry ids `0-1`, `0-2`… so they are the job's own event ids) and a hash per image (the bytes as
 * a binary string); all of them expire with the job. Followers block on the stream with
 * `XREAD BLOCK`; a stop is a flag in the hash and a pub/sub message. Writes are Lua scripts, so
 * two instances appending to one job get ids without gaps or repeats.
 *
 * Connects on first use. When Redis cannot be reached, every method rejects with
 * `JobStoreUnavailableError` within `connectTimeoutMs` or `commandTimeoutMs`, and a read whose
 * connection is lost rejects at once: the handler answers 503 and nothing hangs.
 */
export function redisJobStore(options: RedisJobStoreOptions): RedisJobStore {
  const settings = { ...DEFAULTS, ...definedOf(options) };
  checkRedisOptions('redisJobStore', options, {
    connectTimeoutMs: settings.connectTimeoutMs,
    commandTimeoutMs: settings.commandTimeoutMs,
    maxBlockingConnections: settings.maxBlockingConnections,
  });
  const source = options.client ? { client: options.client } : { url: options.url as string };
  const redis = new RedisConnections(source, settings);
  const keysOf = (id: string) => jobKeys(settings.prefix, id);

  /** Runs a store method, turning Redis's errors into the store's. */
  async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw storeError(error, operation);
    }
  }

  function refused(operation: string, code: number): never {
    throw new LunosImageError(
      code === ENDED_JOB
        ? `${operation}: the job has ended`
        : `${operation}: the job is unknown or has expired`,
    );
  }

  /** A claim held by `jobId` ends at `expiresAt` (its job's end) at the latest. */
  const shortenClaim = (hash: string, jobId: string, expiresAt: number) =>
    redis.script<number>(
      shortenClaimScript,
      [claimKey(settings.prefix, hash)],
      [jobId, String(expiresAt)],
    );

  return {
    create: (meta, { ttlMs, leaseMs }) =>
      guard('create', async () => {
        const { job, claimed } = keysOf(meta.id);
        const owner = meta.owner === undefined ? [] : [meta.owner];
        const created = await redis.script<number | [hash: string, expiresAt: number]>(
          createScript,
          [job, claimed],
          [
            String(Math.ceil(ttlMs)),
            meta.wire,
            String(meta.createdAt),
            String(Date.now() + leaseMs),
            ...owner,
          ],
        );
        if (created === 0) throw new LunosImageError('create: a job with this id already exists');
        if (Array.isArray(created)) await shortenClaim(created[0], meta.id, created[1]);
      }),

    // A claim is its own key (another slot than the job's, on a cluster), so going with the job
    // takes two more steps, each atomic: the job notes the hash it claimed, and the claim is
    // shortened to end with the job, here when the job exists already, else in `create`.
    // A claim whose store was lost between the steps still ends after its own ttlMs.
    claim: (hash, jobId, ttlMs) =>
      guard('claim', async () => {
        const ms = String(Math.ceil(ttlMs));
        const holder = await redis.script<string | null>(
          claimScript,
          [claimKey(settings.prefix, hash)],
          [jobId, ms],
        );
        if (holder !== null) return holder;
        const { job, claimed } = keysOf(jobId);
        const expiresAt = await redis.script<number>(noteClaimScript, [job, claimed], [hash, ms]);
        if (expiresAt >= 0) await shortenClaim(hash, jobId, expiresAt);
        return undefined;
      }),

    release: (hash, jobId) =>
      guard('release', async () => {
        await redis.script<number>(releaseScript, [claimKey(settings.prefix, hash)], [jobId]);
      }),

    get: (id) =>
      guard('get', async () => {
        const fields = await redis.command<string[]>(['HGETALL', keysOf(id).job]);
        return fields.length === 0 ? undefined : stateOf(id, fields);
      }),

    append: (id, { event, data }) =>
      guard('append', async () => {
        const { job, events } = keysOf(id);
        const args = event === undefined ? [data] : [data, event];
        const eventId = await redis.script<number>(appendScript, [job, events], args);
        if (eventId < 0) refused('append', eventId);
        return eventId;
      }),

    putImage: (id, index, image) =>
      guard('putImage', async () => {
        const { job, image: imageKey } = keysOf(id);
        const bytes = Buffer.from(
          image.bytes.buffer,
          image.bytes.byteOffset,
          image.bytes.byteLength,
        );
        const done = await redis.script<number>(
          putImageScript,
          [job, imageKey(index)],
          [bytes, image.contentType, image.sha256],
        );
        if (done < 0) refused('putImage', done);
      }),

    getImage: (id, index) =>
      guard('getImage', async (): Promise<JobImage | undefined> => {
        const [bytes, contentType, sha256] = await redis.command<(Buffer | null)[]>(
          ['HMGET', keysOf(id).image(index), 'bytes', 'contentType', 'sha256'],
          { binary: true },
        );
        if (!bytes || !contentType || !sha256) return undefined;
        return {
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          contentType: contentType.toString('utf8'),
          sha256: sha256.toString('utf8'),
        };
      }),

    finish: (id, status, failure) =>
      guard('finish', async () => {
        const { job, events } = keysOf(id);
        const args = failure === undefined ? [status] : [status, JSON.stringify(failure)];
        const done = await redis.script<number>(finishScript, [job, events], args);
        if (done < 0) refused('finish', done);
      }),

    read: (id, after, { waitMs, signal }) =>
      guard('read', async () => {
        if (signal?.aborted) return [];
        const { job, events } = keysOf(id);
        const first = Math.max(0, Math.floor(after)) + 1;
        const entries = await redis.script<StreamEntry[] | null>(
          readScript,
          [job, events],
          [String(first)],
        );
        // Unknown job, events to give, or the end: answer at once.
        if (!entries) return [];
        if (entries.length > 0 || waitMs <= 0) return eventsOf(entries);
        const reply = await redis.blocking<[string, StreamEntry[]][] | null>(
          (blockMs) => ['XREAD', 'BLOCK', String(blockMs), 'STREAMS', events, `0-${first - 1}`],
          { blockMs: Math.ceil(waitMs), signal },
        );
        if (!reply || signal?.aborted) return [];
        return eventsOf(reply[0]?.[1] ?? []);
      }),

    renew: (id, leaseMs) =>
      guard('renew', async () => {
        const done = await redis.script<number>(
          renewScript,
          [keysOf(id).job],
          [String(Date.now() + leaseMs)],
        );
        if (done < 0) refused('renew', done);
      }),

    requestStop: (id) =>
      guard('requestStop', async () => {
        const { job, stop } = keysOf(id);
        await redis.script<number>(requestStopScript, [job], [stop]);
      }),

    stopRequested: (id, signal) =>
      guard('stopRequested', async () => {
        if (signal.aborted) return;
        const { job, stop } = keysOf(id);
        let wake = () => {};
        const woken = new Promise<void>((resolve) => {
          wake = resolve;
        });
        // Subscribed before looking at the flag: a stop between the two is not missed. After a
        // reconnect, the flag is looked at again for a stop published while the link was down.
        const check = () => {
          redis.command<string | null>(['HGET', job, 'stop']).then(
            (flag) => flag && wake(),
            () => {},
          );
        };
        signal.addEventListener('abort', wake, { once: true });
        const unwatch = redis.onSubscriberReady(check);
        try {
          await redis.subscribe(stop, wake);
          if (!signal.aborted) {
            const flag = await redis.command<string | null>(['HGET', job, 'stop']);
            if (!flag) await woken;
          }
        } finally {
          signal.removeEventListener('abort', wake);
          unwatch();
          await redis.unsubscribe(stop, wake).catch(() => {});
        }
      }),

    ...limitOperations(redis, settings.prefix),
    close: () => redis.close(),
  };
}

function stateOf(id: string, fields: string[]): JobState {
  const hash = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2)
    hash.set(fields[i] as string, fields[i + 1] as string);
  const failure = hash.get('failure');
  return {
    meta: {
      id,
      wire: hash.get('wire') as JobState['meta']['wire'],
      owner: hash.get('owner'),
      createdAt: Number(hash.get('createdAt')),
    },
    lastEventId: Number(hash.get('lastEventId') ?? 0),
    status: hash.get('status') as JobStatus | undefined,
    failure: failure === undefined ? undefined : (JSON.parse(failure) as JobFailure),
    leaseUntil: Number(hash.get('leaseUntil')),
  };
}

/** Stream entries as events; the `1-0` end marker is not one. */
function eventsOf(entries: StreamEntry[]): JobEvent[] {
  const events: JobEvent[] = [];
  for (const [entryId, fields] of entries) {
    if (!entryId.startsWith('0-')) continue;
    const id = Number(entryId.slice(2));
    let data = '';
    let event: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'data') data = fields[i + 1] as string;
      else if (fields[i] === 'event') event = fields[i + 1];
    }
    events.push(event === undefined ? { id, data } : { id, event, data });
  }
  return events;
}

function storeError(error: unknown, operation: string): LunosImageError {
  if (LunosImageError.isInstance(error)) return error;
  if (error instanceof ErrorReply && error.message.startsWith('OOM')) {
    return new JobStoreFullError({
      retryAfterMs: FULL_RETRY_AFTER_MS,
      detail: 'Redis is out of memory (maxmemory)',
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new JobStoreUnavailableError({
    detail: `Redis ${operation} failed: ${reason}`,
    cause: error,
  });
}

function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
