-- Service done: serving -> done, or on to the next step of its route (see includes/do-finish.lua).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {now, nowStr, maxlen, ttl, agencies, id, qPrefix, cPrefix, statsPrefix, svcSuffix}
-- Returns {seq, the ticket hash as a NUL-joined string} (includes/ticket-reply.lua).
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "agency-ok"
--- @include "do-finish"
--- @include "ticket-reply"
local v = rcall('HMGET', tk, 'state', 'agencyId', 'number', 'serviceId', 'counterId', 'startedAt', 'route')
if not v[1] then return redis.error_reply('NOT_FOUND') end
local t = { id = A.id, state = v[1], agencyId = v[2], number = v[3], serviceId = v[4], counterId = v[5], startedAt = v[6], route = v[7] }
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
return ticket_reply(tk, do_finish(tk, t))
