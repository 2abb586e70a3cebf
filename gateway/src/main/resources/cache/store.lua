-- Stores an entry read from its service, unless the region was invalidated since the read began:
-- an answer that may predate the change an event announced never enters the cache.
-- KEYS[1]  the region's entries (a hash: field -> body)
-- KEYS[2]  the region's generation
-- ARGV[1]  the field
-- ARGV[2]  the generation read before the service was asked
-- ARGV[3]  the body
-- ARGV[4]  TTL in ms: the region expires this long after its first entry was stored
-- Returns 1 when stored, 0 when the region has changed since.
local generation = redis.call('GET', KEYS[2]) or '0'
if generation ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return 1
