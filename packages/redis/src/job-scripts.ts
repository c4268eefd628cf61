import { createHash } from 'node:crypto';

/** What a write script answers for a job that does not exist (unknown or expired). */
export const UNKNOWN_JOB = -1;
/** What a write script answers for an event or image offered after the job ended. */
export const ENDED_JOB = -2;

export interface JobScript {
  readonly source: string;
  /** SHA-1 of the source, for `EVALSHA`. */
  readonly sha: string;
}

/** A Lua script with its SHA-1, for `RedisConnections.script`. */
export function script(source: string): JobScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

// Every key a job writes later takes the job hash's remaining time (PTTL within one script is
// read on the script's frozen clock), so all of them expire in the same millisecond.
const EXPIRE_WITH_JOB = `
local function expireWithJob(key)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, redis.call('PTTL', KEYS[1]))
  end
end
`;

// Writes to an unknown job are refused rather than creating keys that would never expire.
const WRITABLE = `
local state = redis.call('HMGET', KEYS[1], 'lastEventId', 'status')
if not state[1] then return ${UNKNOWN_JOB} end
if state[2] then return ${ENDED_JOB} end
`;

// Redis's clock in ms, for an expiry that keys in different slots share to the millisecond.
const NOW_MS = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * KEYS: job, claimed. ARGV: ttlMs, wire, createdAt, leaseUntil[, owner]. 0 when the id exists;
 * when created, 1, or [hash, expiresAt] when the job claimed a hash before: its `claimed` key now
 * expires with the job (at `expiresAt`, epoch ms on Redis's clock, also kept in the hash), and the
 * store ends that claim then too.
 */
export const createScript = script(`${NOW_MS}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local at = nowMs() + tonumber(ARGV[1])
redis.call('HSET', KEYS[1], 'wire', ARGV[2], 'createdAt', ARGV[3], 'leaseUntil', ARGV[4], 'lastEventId', 0, 'expiresAt', at)
if ARGV[5] then redis.call('HSET', KEYS[1], 'owner', ARGV[5]) end
redis.call('PEXPIREAT', KEYS[1], at)
local claimed = redis.call('GET', KEYS[2])
if claimed then
  redis.call('PEXPIREAT', KEYS[2], at)
  return { claimed, at }
end
return 1
`);

/**
 * KEYS: claim. ARGV: jobId, ttlMs. The holder's id when the key is held (nothing changed),
 * otherwise nil and the key is now `jobId`'s for ttlMs (SET NX and GET in one step, on Redis 6.2).
 */
export const claimScript = script(`
local holder = redis.call('GET', KEYS[1])
if holder then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`);

/**
 * KEYS: job, claimed. ARGV: hash, ttlMs. Notes on the job which hash it claimed, for ttlMs or,
 * when the job exists already, until it expires: then its `expiresAt` (the claim is ended then
 * too), else -1.
 */
export const noteClaimScript = script(`
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
local at = redis.call('HGET', KEYS[1], 'expiresAt')
if not at then return -1 end
redis.call('PEXPIREAT', KEYS[2], at)
return tonumber(at)
`);

/** KEYS: claim. ARGV: jobId, expiresAt. Ends the claim at expiresAt if `jobId` holds it past then. */
export const shortenClaimScript = script(`${NOW_MS}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if nowMs() + redis.call('PTTL', KEYS[1]) <= tonumber(ARGV[2]) then return 0 end
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
`);

/** KEYS: claim. ARGV: jobId. Deletes the claim only if `jobId` holds it (compare and delete). */
export const releaseScript = script(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`);

/** KEYS: job, events. ARGV: data[, event]. The new event's id, or UNKNOWN_JOB / ENDED_JOB. */
export const appendScript = script(`${EXPIRE_WITH_JOB}${WRITABLE}
local id = redis.call('HINCRBY', KEYS[1], 'lastEventId', 1)
if ARGV[2] then
  redis.call('XADD', KEYS[2], '0-' .. id, 'data', ARGV[1], 'event', ARGV[2])
else
  redis.call('XADD', KEYS[2], '0-' .. id, 'data', ARGV[1])
end
expireWithJob(KEYS[2])
return id
`);

/**
 * KEYS: job, image. ARGV: bytes, contentType, sha256. 1, or UNKNOWN_JOB / ENDED_JOB. HSET sets
 * all three fields, replacing an image of the same index; it is also the first write, which is
 * where Redis refuses a script when out of memory (a DEL first would let the script through).
 */
export const putImageScript = script(`${EXPIRE_WITH_JOB}${WRITABLE}
redis.call('HSET', KEYS[2], 'bytes', ARGV[1], 'contentType', ARGV[2], 'sha256', ARGV[3])
expireWithJob(KEYS[2])
return 1
`);

/**
 * KEYS: job, events. ARGV: status[, failure JSON]. 1 when ended now, 0 when it had ended already
 * (the first end stands), or UNKNOWN_JOB. The stream's `1-0` entry wakes every `XREAD BLOCK` on
 * it and, being above any `0-n`, makes a later append impossible.
 */
export const finishScript = script(`${EXPIRE_WITH_JOB}
local state = redis.call('HMGET', KEYS[1], 'lastEventId', 'status')
if not state[1] then return ${UNKNOWN_JOB} end
if state[2] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
if ARGV[2] then redis.call('HSET', KEYS[1], 'failure', ARGV[2]) end
redis.call('XADD', KEYS[2], '1-0', 'end', ARGV[1])
expireWithJob(KEYS[2])
return 1
`);

/** KEYS: job, events. ARGV: first id wanted. The entries from it on, or nil for an unknown job. */
export const readScript = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('XRANGE', KEYS[2], '0-' .. ARGV[1], '+')
`);

/** KEYS: job. ARGV: leaseUntil. 1, or UNKNOWN_JOB. */
export const renewScript = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return ${UNKNOWN_JOB} end
redis.call('HSET', KEYS[1], 'leaseUntil', ARGV[1])
return 1
`);

/** KEYS: job. ARGV: stop channel. Sets the flag (for runners that look later) and tells those listening. */
export const requestStopScript = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'stop', '1')
redis.call('PUBLISH', ARGV[1], '1')
return 1
`);
