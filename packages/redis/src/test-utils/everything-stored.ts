import { RESP_TYPES } from '@redis/client';
import type { RawRedisClient } from './raw-redis-client';

/** Every key of every database with its whole value, as bytes, read type by type. */
export async function everythingStored(raw: RawRedisClient): Promise<Buffer> {
  const binary = raw.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const info = await raw.sendCommand<string>(['INFO', 'keyspace']);
  const databases = [...info.matchAll(/^db(\d+):/gm)].map((m) => m[1] as string);
  const parts: Buffer[] = [];
  const read: Record<string, (key: Buffer) => string[]> = {
    string: (key) => ['GET', key.toString()],
    hash: (key) => ['HGETALL', key.toString()],
    stream: (key) => ['XRANGE', key.toString(), '-', '+'],
    list: (key) => ['LRANGE', key.toString(), '0', '-1'],
    set: (key) => ['SMEMBERS', key.toString()],
    zset: (key) => ['ZRANGE', key.toString(), '0', '-1'],
  };
  for (const db of databases) {
    await binary.sendCommand(['SELECT', db]);
    let cursor = '0';
    do {
      const [next, keys] = await binary.sendCommand<[Buffer, Buffer[]]>(['SCAN', cursor]);
      cursor = next.toString();
      for (const key of keys) {
        const type = (await raw.sendCommand<string>(['TYPE', key.toString()])).toString();
        const command = read[type];
        if (!command) throw new Error(`a key of a type the scan cannot read: ${type}`);
        parts.push(key, ...flatten(await binary.sendCommand<unknown>(command(key))));
      }
    } while (cursor !== '0');
  }
  await binary.sendCommand(['SELECT', '0']);
  return Buffer.concat(parts);
}

function flatten(value: unknown): Buffer[] {
  if (Buffer.isBuffer(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(flatten);
  return value == null ? [] : [Buffer.from(String(value))];
}
