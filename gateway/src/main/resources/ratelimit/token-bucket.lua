-- One token bucket per user and operation class, taken atomically by every gateway replica.
-- KEYS[1]  the bucket (a hash: tokens, at)
-- ARGV[1]  burst: the bucket's capacity
-- ARGV[2]  refill: tokens per minute
-- Redis's own clock, so that replicas whose clocks differ share one notion of time.
-- Returns {allowed (1/0), tokens left (floor), ms until a token is back (0 when allowed),
--          ms until the bucket is full again}.
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 60000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * perMs)
  at = now
end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
local full = math.ceil((burst - tokens) / perMs)
-- an idle bucket is full again: it need not be kept
redis.call('PEXPIRE', KEYS[1], full + 1000)
return {allowed, math.floor(tokens), retry, full}
