-- Drops a cached region and raises its generation, so that a read already under way when the
-- change happened does not store its (possibly older) answer afterwards.
-- KEYS[1]  the region's entries
-- KEYS[2]  the region's generation
-- ARGV[1]  how long the generation is kept, in ms: far longer than any read takes
-- Returns the number of keys deleted (0 or 1).
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])
