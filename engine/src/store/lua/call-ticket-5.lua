-- Calls one chosen waiting ticket at a counter.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] ticket hash
-- KEYS[5] no-show deadlines
-- ARGV[1] msgpack map {now, noShowMs, nowStr, by, byJ, agencies, qPrefix}
-- Returns seq and values NUL-joined, one string (includes/do-call.lua).
-- Errors: NOT_FOUND, FORBIDDEN, COUNTER_NOT_OPEN, COUNTER_BUSY, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local counterKey, eventsKey, seqKey, tk, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
--- @include "counter-core"
--- @include "ticket-core"
--- @include "agency-ok"
--- @include "do-call"
local c = counter_core(counterKey)
if not c then return redis.error_reply('NOT_FOUND') end
local v = ticket_core(tk)
if not v then return redis.error_reply('NOT_FOUND') end
if not agency_ok(v[5]) then return redis.error_reply('FORBIDDEN') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
if c.current and c.current ~= '' then return redis.error_reply('COUNTER_BUSY') end
if v[2] ~= 'waiting' then return redis.error_reply('INVALID_TRANSITION') end
rcall('ZREM', A.qPrefix .. v[4], v[1])
return do_call(tk, v, c.id, counterKey)
