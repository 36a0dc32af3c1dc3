-- Service done: serving -> done, or on to the next step of its route (see includes/do-finish.lua).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {now, maxlen, ttl, agencies, qPrefix, cPrefix, statsPrefix, svcSuffix}
-- Returns json {t, seq}.
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "hash-table"
--- @include "agency-ok"
--- @include "do-finish"
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
return do_finish(tk, t)
