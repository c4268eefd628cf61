/** Where one key's limits live in Redis. */
export interface LimitKeys {
  /** Sorted set: settled spends, members `id:nano`, scored by the time they were reserved. */
  readonly spent: string;
  /** Hash: reservations not settled yet, `id` → `at:nano:until:windowMs`. */
  readonly held: string;
  /** Sorted set: the times of the requests allowed inside the rate window. */
  readonly rate: string;
}

/**
 * The keys of one limit key (a user id as the app gives it). It goes in base64url: an id may hold
 * braces, colons or anything else, and in braces it is a Redis Cluster hash tag, so the scripts
 * that touch the spend and the holds together stay valid on a cluster.
 */
export function limitKeys(prefix: string, key: string): LimitKeys {
  const base = `${prefix}limit:{${Buffer.from(key, 'utf8').toString('base64url')}}`;
  return { spent: `${base}:spent`, held: `${base}:held`, rate: `${base}:rate` };
}
