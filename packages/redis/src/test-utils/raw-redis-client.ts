import { createClient } from '@redis/client';

/** A connected node-redis client of the test's own, to look at (or reconfigure) Redis directly. */
export async function rawRedisClient(url: string) {
  const client = createClient({ url, RESP: 2, maintNotifications: 'disabled' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export type RawRedisClient = Awaited<ReturnType<typeof rawRedisClient>>;
