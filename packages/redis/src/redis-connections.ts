import { JobStoreUnavailableError } from '@lunos-image/core/server';
import {
  createClient,
  ErrorReply,
  RESP_TYPES,
  type RedisArgument,
  type RedisClientType,
} from '@redis/client';
import type { JobScript } from './job-scripts';

/** Any node-redis client, whatever its modules, scripts, RESP version or type mapping. */
// biome-ignore lint/suspicious/noExplicitAny: the store only copies the client's options.
export type AnyRedisClient = RedisClientType<any, any, any, any, any>;

export type RedisSource = { url: string } | { client: AnyRedisClient };

/** Where a store finds Redis: exactly one of a URL and a client. */
export type RedisSourceOptions =
  | {
      /** `redis[s]://[[username][:password]@]host[:port][/db-number]`. */
      url: string;
      client?: undefined;
    }
  | {
      /**
       * A node-redis client (`createClient()` of `redis` or `@redis/client`). The store opens
       * its own connections with the client's options (address, credentials, TLS, database):
       * it never blocks, subscribes or closes yours, which need not even be connected.
       */
      client: AnyRedisClient;
      url?: undefined;
    };

export interface RedisConnectionOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxBlockingConnections: number;
  /** What `CLIENT LIST` names the connections (`<name>:shared`…). Default `lunos-image-job-store`. */
  name?: string | undefined;
}

/** Blocking connections kept open while idle; more are closed when they come back. */
const MAX_IDLE_BLOCKING = 8;
/** The shared and subscriber connections retry in the background, at most this far apart. */
const MAX_RECONNECT_DELAY_MS = 2_000;

const binary = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };

/**
 * The store's connections to Redis, all its own (from the URL, or copies of the given client's
 * options): one shared connection for commands, connections of their own for `XREAD BLOCK` (a
 * blocked connection serves nobody else), kept in a small pool, and one for pub/sub.
 *
 * Nothing waits on an unreachable Redis: every connection has `connectTimeoutMs`, the offline
 * queue is off (a command while disconnected fails at once), every command has a time limit, and
 * a lost connection rejects the commands in flight on it.
 */
export class RedisConnections {
  readonly #source: RedisSource;
  readonly #options: RedisConnectionOptions;
  #shared: AnyRedisClient | undefined;
  /** Set by an error of the shared connection, cleared when it is ready again. */
  #down = false;
  #firstConnection: Promise<void> | undefined;
  #subscriber: Promise<AnyRedisClient> | undefined;
  readonly #onSubscriberReady = new Set<() => void>();
  readonly #idle: AnyRedisClient[] = [];
  readonly #busy = new Set<AnyRedisClient>();
  readonly #turns: Array<() => void> = [];
  #closed = false;

  constructor(source: RedisSource, options: RedisConnectionOptions) {
    this.#source = source;
    this.#options = options;
  }

  /** One command on the shared connection, within `commandTimeoutMs`; binary replies as Buffers. */
  async command<T>(args: RedisArgument[], options: { binary?: boolean } = {}): Promise<T> {
    const client = await this.#ready();
    return (await client.sendCommand(args, {
      timeout: this.#options.commandTimeoutMs,
      ...(options.binary ? binary : {}),
    })) as T;
  }

  /** Runs a script by its hash, sending its source once when Redis does not know it yet. */
  async script<T>(script: JobScript, keys: RedisArgument[], args: RedisArgument[]): Promise<T> {
    const rest = [String(keys.length), ...keys, ...args];
    try {
      return await this.command<T>(['EVALSHA', script.sha, ...rest]);
    } catch (error) {
      if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw error;
      return await this.command<T>(['EVAL', script.source, ...rest]);
    }
  }

  /**
   * A blocking command (`XREAD BLOCK ms …`, with `blockMs` its own limit) on a connection of its
   * own. Undefined when `signal` aborts or no connection came free before `blockMs` passed; the
   * connection of an abandoned command is closed, not reused, since Redis still holds it blocked.
   */
  async blocking<T>(
    command: (blockMs: number) => RedisArgument[],
    { blockMs, signal }: { blockMs: number; signal?: AbortSignal | undefined },
  ): Promise<T | undefined> {
    await this.#ready();
    const deadline = Date.now() + blockMs;
    const client = await this.#acquire(deadline, signal);
    if (!client) return undefined;
    let reusable = true;
    let onAbort = () => {};
    try {
      // Aborted while a connection was being found: nothing was sent, the connection is fine.
      if (signal?.aborted) return undefined;
      const left = Math.max(1, deadline - Date.now());
      const reply = client.sendCommand(command(left), {
        timeout: left + this.#options.commandTimeoutMs,
      });
      const aborted = new Promise<undefined>((resolve) => {
        onAbort = () => resolve(undefined);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      reusable = false;
      const result = await Promise.race([reply, aborted]);
      if (signal?.aborted) {
        reply.catch(() => {});
        return undefined;
      }
      reusable = true;
      return result as T;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#release(client, reusable);
    }
  }

  /** Subscribes `listener` to `channel`; resolves once Redis confirmed. */
  async subscribe(channel: string, listener: () => void): Promise<void> {
    const subscriber = await this.#subscriberClient();
    await within(subscriber.subscribe(channel, listener), this.#options.commandTimeoutMs);
  }

  async unsubscribe(channel: string, listener: () => void): Promise<void> {
    const subscriber = await this.#subscriber;
    await subscriber?.unsubscribe(channel, listener);
  }

  /** Called each time the subscriber connection is ready again (a stop may have been missed). */
  onSubscriberReady(callback: () => void): () => void {
    this.#onSubscriberReady.add(callback);
    return () => this.#onSubscriberReady.delete(callback);
  }

  /** Closes every connection at once; commands in flight reject. */
  async close(): Promise<void> {
    this.#closed = true;
    const subscriber = this.#subscriber?.catch(() => undefined);
    for (const client of [this.#shared, ...this.#idle, ...this.#busy, await subscriber]) {
      if (client?.isOpen) client.destroy();
    }
    this.#idle.length = 0;
    for (const turn of this.#turns.splice(0)) turn();
  }

  #open(role: 'shared' | 'blocking' | 'subscriber'): AnyRedisClient {
    const reconnect = role === 'blocking' ? false : reconnectDelay;
    const overrides = {
      // RESP2 replies are plain arrays, the shapes the store reads (Redis Enterprise's maintenance
      // notifications need RESP3, so they are off).
      RESP: 2 as const,
      maintNotifications: 'disabled' as const,
      disableOfflineQueue: true,
      // The server's `CLIENT LIST` shows which connections are ours, and for what.
      name: `${this.#options.name ?? 'lunos-image-job-store'}:${role}`,
      // Not taken from a given client: they would change the replies or the keys the store
      // reads and writes (its own `prefix` places its keys), and its cache needs RESP3.
      commandOptions: {},
      keyPrefix: undefined,
      clientSideCache: undefined,
    };
    const client =
      'url' in this.#source
        ? createClient({
            url: this.#source.url,
            socket: {
              connectTimeout: this.#options.connectTimeoutMs,
              reconnectStrategy: reconnect,
            },
            ...overrides,
          })
        : this.#source.client.duplicate({
            ...overrides,
            socket: {
              ...this.#source.client.options?.socket,
              connectTimeout: this.#options.connectTimeoutMs,
              reconnectStrategy: reconnect,
            },
          });
    // Without a listener an 'error' event would throw; the errors reach callers through their
    // commands, and the shared connection's state says whether Redis is reachable.
    client.on('error', () => {
      if (role === 'shared') this.#down = true;
    });
    return client as AnyRedisClient;
  }

  /** The shared connection once it is ready; fails at once while Redis is known to be down. */
  async #ready(): Promise<AnyRedisClient> {
    if (this.#closed) throw new JobStoreUnavailableError({ detail: 'the store was closed' });
    if (!this.#shared) {
      const client = this.#open('shared');
      this.#shared = client;
      // The first connection: its first success or failure, within connectTimeoutMs.
      this.#firstConnection = within(
        new Promise<void>((resolve) => {
          client.once('ready', resolve);
          client.once('error', resolve);
        }),
        this.#options.connectTimeoutMs,
      ).catch(() => {});
      client.on('ready', () => {
        this.#down = false;
      });
      client.connect().catch(() => {});
    }
    const client = this.#shared;
    if (client.isReady) return client;
    if (!this.#down) await this.#firstConnection;
    if (!client.isReady) {
      this.#down = true;
      throw new JobStoreUnavailableError({
        detail: `Redis cannot be reached (connectTimeoutMs: ${this.#options.connectTimeoutMs})`,
      });
    }
    return client;
  }

  #subscriberClient(): Promise<AnyRedisClient> {
    this.#subscriber ??= (async () => {
      await this.#ready();
      const client = this.#open('subscriber');
      client.on('ready', () => {
        for (const callback of this.#onSubscriberReady) callback();
      });
      await within(client.connect(), this.#options.connectTimeoutMs).catch((error: unknown) => {
        client.destroy();
        throw error;
      });
      return client;
    })();
    // A failed attempt is not kept: the next call tries again.
    this.#subscriber.catch(() => {
      this.#subscriber = undefined;
    });
    return this.#subscriber;
  }

  /** An idle blocking connection, a new one, or the next one freed; undefined when none came in time. */
  async #acquire(
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<AnyRedisClient | undefined> {
    for (;;) {
      if (this.#closed) throw new JobStoreUnavailableError({ detail: 'the store was closed' });
      if (signal?.aborted) return undefined;
      const idle = this.#idle.pop();
      if (idle) {
        this.#busy.add(idle);
        return idle;
      }
      if (this.#busy.size < this.#options.maxBlockingConnections) {
        const client = this.#open('blocking');
        this.#busy.add(client);
        try {
          await within(client.connect(), this.#options.connectTimeoutMs);
        } catch (error) {
          this.#release(client, false);
          throw error;
        }
        return client;
      }
      if (!(await this.#nextTurn(deadline, signal))) return undefined;
    }
  }

  #release(client: AnyRedisClient, reusable: boolean): void {
    this.#busy.delete(client);
    if (reusable && client.isReady && !this.#closed && this.#idle.length < MAX_IDLE_BLOCKING) {
      this.#idle.push(client);
    } else if (client.isOpen) {
      client.destroy();
    }
    this.#turns.shift()?.();
  }

  /** Waits until a blocking connection is released; false at the deadline or on `signal`. */
  #nextTurn(deadline: number, signal: AbortSignal | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (turn: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const waiting = this.#turns.indexOf(onTurn);
        if (waiting >= 0) this.#turns.splice(waiting, 1);
        resolve(turn);
      };
      const onTurn = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(onAbort, Math.max(0, deadline - Date.now()));
      timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#turns.push(onTurn);
    });
  }
}

function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS);
}

/** `promise`, or a rejection once `ms` passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
