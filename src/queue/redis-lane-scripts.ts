// The Lua scripts behind RedisLanes (redis-lanes.ts explains the tickets). Each runs atomically for every replica.

/** Dedupe a delivery, coalesce a review, take a ticket. */
export const ACCEPT = `
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[1]) then return {'duplicate', '0'} end
local outcome = 'queued'
if ARGV[3] == '1' then
  local prev = redis.call('HGET', KEYS[3], 'latestJob')
  if prev and redis.call('ZSCORE', KEYS[2], prev) then
    if ARGV[5] ~= '1' and ARGV[4] ~= '' and redis.call('HGET', KEYS[3], 'latestHead') == ARGV[4] then return {'duplicate', '0'} end
    if redis.call('HGET', KEYS[3], 'running') ~= prev then outcome = 'coalesced' end
  end
end
local seq = redis.call('HINCRBY', KEYS[3], 'seq', 1)
redis.call('ZADD', KEYS[2], seq, ARGV[2])
redis.call('HSET', KEYS[3], 'at:' .. ARGV[2], ARGV[6])
if ARGV[3] == '1' then redis.call('HSET', KEYS[3], 'latestSeq', seq, 'latestHead', ARGV[4], 'latestJob', ARGV[2]) end
redis.call('EXPIRE', KEYS[2], ARGV[7])
redis.call('EXPIRE', KEYS[3], ARGV[7])
return {outcome, tostring(seq)}
`;

/** May this job run now (lowest ticket of its PR)? A job whose ticket is gone takes a new one. */
export const CLAIM = `
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not mine then
  mine = redis.call('HINCRBY', KEYS[2], 'seq', 1)
  redis.call('ZADD', KEYS[1], mine, ARGV[1])
  redis.call('HSET', KEYS[2], 'at:' .. ARGV[1], ARGV[2])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
local first = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if first ~= ARGV[1] then return {'blocked', first or '', tostring(mine), '0'} end
redis.call('HSET', KEYS[2], 'running', ARGV[1])
return {'run', first, tostring(mine), redis.call('HGET', KEYS[2], 'latestSeq') or '0'}
`;

/** Give a ticket back. */
export const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], 'at:' .. ARGV[1])
if redis.call('HGET', KEYS[2], 'running') == ARGV[1] then redis.call('HDEL', KEYS[2], 'running') end
if redis.call('HGET', KEYS[2], 'latestJob') == ARGV[1] then redis.call('HDEL', KEYS[2], 'latestJob') end
return 1
`;
