import { randomUUID } from 'node:crypto';
import type { LimitStore, SpendReservation } from '@lunos-image/core/server';
import { checkRedisOptions } from './check-redis-options';
import { limitKeys } from './limit-keys';
import { hitScript, reserveScript, settleScript, spentScript } from './limit-scripts';
import { RedisConnections, type RedisSourceOptions } from './redis-connections';

export type RedisLimitStoreOptions = {
  /** Prepended to every key, to share a Redis with other data. Default `lunos-image:`. */
  prefix?: string | undefined;
  /** How long a connection to Redis may take before a call rejects. Default 2 000 ms. */
  connectTimeoutMs?: number | undefined;
  /** How long one script may take before its call rejects. Default 5 000 ms. */
  commandTimeoutMs?: number | undefined;
} & RedisSourceOptions;
/** A `LimitStore` on Redis, with `close()` for the connection it opened. */
export interface RedisLimitStore extends LimitStore {
  /** Closes the store's connection at once; calls in flight reject. */
  close(): Promise<void>;
}

const NANO_PER_USD = 1e9;
const toNano = (usd: number) => String(Math.round(usd * NANO_PER_USD));
const fromNano = (nano: unknown) => Number(nano) / NANO_PER_USD;

/**
 * Spending and rate limits on Redis, shared by every instance of the route handler that uses the
 * same Redis. Each operation is one Lua script timed with Redis's own `TIME`, so fifty requests
 * on two instances reserve one after the other, and instances whose clocks disagree agree on
 * every window. Per key: a sorted set of settled spends, a hash of reservations (each expires
 * after its `holdMs`, so a reservation whose instance or connection was lost before it settled
 * stops counting instead of counting forever or twice), and a sorted set of request times (the
 * rate limit's sliding-window log); every key expires once nothing in it can count.
 *
 * Connects on first use; when Redis cannot be reached, every method rejects within
 * `connectTimeoutMs` or `commandTimeoutMs` (the handler then refuses the request with 503).
 */
export function redisLimitStore(options: RedisLimitStoreOptions): RedisLimitStore {
  const prefix = options.prefix ?? 'lunos-image:';
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
  checkRedisOptions('redisLimitStore', options, { connectTimeoutMs, commandTimeoutMs });
  const source = options.client ? { client: options.client } : { url: options.url as string };
  const redis = new RedisConnections(source, {
    connectTimeoutMs,
    commandTimeoutMs,
    maxBlockingConnections: 1,
    name: 'lunos-image-limit-store',
  });

  return { ...limitOperations(redis, prefix), close: () => redis.close() };
}

/**
 * The `LimitStore` operations on connections that already exist: `redisLimitStore`'s own, or a
 * `redisJobStore`'s (which is then the handler's default limit store).
 */
export function limitOperations(redis: RedisConnections, prefix: string): LimitStore {
  return {
    async reserve(key, { usd, budgetUsd, windowMs, holdMs }): Promise<SpendReservation> {
      const { spent, held } = limitKeys(prefix, key);
      const id = randomUUID();
      const args = [toNano(usd), toNano(budgetUsd), String(windowMs), String(holdMs), id];
      const [ok, remaining, retry] = await redis.script<unknown[]>(
        reserveScript,
        [spent, held],
        args,
      );
      return Number(ok) === 1
        ? { ok: true, id, remainingUsd: fromNano(remaining) }
        : { ok: false, remainingUsd: fromNano(remaining), retryAfterMs: Number(retry) };
    },
    async settle(key, id, usd) {
      const { spent, held } = limitKeys(prefix, key);
      await redis.script<number>(settleScript, [spent, held], [id, toNano(Math.max(0, usd))]);
    },
    async spent(key, { windowMs }) {
      const { spent, held } = limitKeys(prefix, key);
      const [settled, heldNano] = await redis.script<unknown[]>(
        spentScript,
        [spent, held],
        [String(windowMs)],
      );
      return { settledUsd: fromNano(settled), heldUsd: fromNano(heldNano) };
    },
    async hit(key, { requests, windowMs }) {
      const { rate } = limitKeys(prefix, key);
      const args = [String(requests), String(windowMs), randomUUID()];
      const [ok, remaining, retry] = await redis.script<unknown[]>(hitScript, [rate], args);
      return { ok: Number(ok) === 1, remaining: Number(remaining), retryAfterMs: Number(retry) };
    },
  };
}
