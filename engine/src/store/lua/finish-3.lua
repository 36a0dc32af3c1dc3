-- Service done: serving -> done, or on to the next step of its route (see includes/do-finish.lua).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- ARGV[1] msgpack map {now, nowStr, agencies, qPrefix, cPrefix}
-- Returns seq and values NUL-joined, one string (values_reply in includes/ticket-view.lua).
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey = KEYS[1], KEYS[2], KEYS[3]
--- @include "agency-ok"
--- @include "do-finish"
--- @include "ticket-view"
local v = ticket_view(tk)
if not v then return redis.error_reply('NOT_FOUND') end
local t = { id = v[1], state = v[2], number = v[3], serviceId = v[4], agencyId = v[5], counterId = v[6], startedAt = v[7], route = v[8] }
if not agency_ok(t.agencyId) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
local _, s = do_finish(tk, t, v)
return values_reply(s, v, 14)
