import { script } from './job-scripts';

// Every script reads the time from Redis (`TIME`), never from an instance: instances whose clocks
// disagree still agree on every window. Amounts are whole nano-dollars; `%.0f` writes them (and
// epoch milliseconds) without the exponent Lua's `tostring` would use past 14 digits.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function int(n) return string.format('%.0f', n) end
`;

// A held reservation is `at:nano:until:windowMs`; a settled spend a member `id:nano` of a sorted
// set scored by the reservation's time.
const HELD = `
local function held(value)
  local at, nano, untilMs, window = string.match(value, '^(%d+):(%d+):(%d+):(%d+)$')
  return tonumber(at), tonumber(nano), tonumber(untilMs), tonumber(window)
end
`;

/**
 * KEYS: spent (zset), held (hash). ARGV: nano, budgetNano, windowMs, holdMs, id.
 * → {1, remainingNano} or {0, remainingNano, retryAfterMs}.
 */
export const reserveScript = script(`${NOW}${HELD}
local need, budget = tonumber(ARGV[1]), tonumber(ARGV[2])
local window, hold = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used, entries = 0, {}
local spent = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #spent, 2 do
  local nano = tonumber(string.match(spent[i], ':(%d+)$'))
  used = used + nano
  entries[#entries + 1] = { tonumber(spent[i + 1]) + window, nano }
end
local holds = redis.call('HGETALL', KEYS[2])
for i = 1, #holds, 2 do
  local at, nano, untilMs = held(holds[i + 1])
  if untilMs <= now then
    redis.call('HDEL', KEYS[2], holds[i])
  else
    used = used + nano
    entries[#entries + 1] = { at + window, nano }
  end
end
if used < budget and used + need <= budget then
  redis.call('HSET', KEYS[2], ARGV[5], int(now) .. ':' .. int(need) .. ':' .. int(now + hold) .. ':' .. int(window))
  if redis.call('PTTL', KEYS[2]) < hold then redis.call('PEXPIRE', KEYS[2], hold) end
  return { 1, int(budget - used - need) }
end
local retry = window
if need <= budget and budget > 0 then
  table.sort(entries, function(a, b) return a[1] < b[1] end)
  local free = budget - used
  for _, entry in ipairs(entries) do
    free = free + entry[2]
    if free >= need and free > 0 then
      retry = math.max(1, entry[1] - now)
      break
    end
  end
end
return { 0, int(math.max(0, budget - used)), int(retry) }
`);

/** KEYS: spent, held. ARGV: id, nano. 1 when settled; 0 for an unknown, settled or expired one. */
export const settleScript = script(`${NOW}${HELD}
local value = redis.call('HGET', KEYS[2], ARGV[1])
if not value then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
local at, _, untilMs, window = held(value)
if untilMs <= now then return 0 end
local nano = tonumber(ARGV[2])
if nano > 0 and at > now - window then
  redis.call('ZADD', KEYS[1], at, ARGV[1] .. ':' .. int(nano))
  if redis.call('PTTL', KEYS[1]) < window then redis.call('PEXPIRE', KEYS[1], window) end
end
return 1
`);

/** KEYS: spent, held. ARGV: windowMs. → {settledNano, heldNano}; changes nothing. */
export const spentScript = script(`${NOW}${HELD}
local window = tonumber(ARGV[1])
local settled, heldNano = 0, 0
local spent = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. int(now - window), '+inf')
for i = 1, #spent do settled = settled + tonumber(string.match(spent[i], ':(%d+)$')) end
local holds = redis.call('HGETALL', KEYS[2])
for i = 1, #holds, 2 do
  local _, nano, untilMs = held(holds[i + 1])
  if untilMs > now then heldNano = heldNano + nano end
end
return { int(settled), int(heldNano) }
`);

/**
 * KEYS: log (zset of request times). ARGV: requests, windowMs, id.
 * → {ok, remaining, retryAfterMs}: a sliding-window log, only allowed requests are logged.
 */
export const hitScript = script(`${NOW}
local requests, window = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < requests then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return { 1, requests - count - 1, 0 }
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { 0, 0, math.max(1, tonumber(oldest[2]) + window - now) }
`);
