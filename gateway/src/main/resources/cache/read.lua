-- Reads one entry of a cached region, and the region's generation in the same step.
-- KEYS[1]  the region's entries (a hash: field -> body)
-- KEYS[2]  the region's generation (a counter raised by every invalidation; absent = 0)
-- ARGV[1]  the field
-- Returns {body or nil, generation}.
local body = redis.call('HGET', KEYS[1], ARGV[1])
local generation = redis.call('GET', KEYS[2]) or '0'
return {body, generation}
