-- Calls the best waiting ticket for a counter (the rule is call_best in includes/call-best.lua).
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {now, noShowMs, nowStr, by, byJ, qPrefix, tPrefix}
-- Returns seq and values NUL-joined, one string (includes/do-call.lua), or nil when nothing waits.
-- Errors: NOT_FOUND, COUNTER_NOT_OPEN, COUNTER_BUSY
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local counterKey, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "counter-core"
--- @include "call-best"
local c = counter_core(counterKey)
if not c then return redis.error_reply('NOT_FOUND') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
if c.current and c.current ~= '' then return redis.error_reply('COUNTER_BUSY') end
return call_best(c, counterKey)
