-- Calls a called ticket again (screens and voice repeat it); its no-show deadline starts over.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {now, noShowMs, agencies}
-- Returns json {t, seq}.
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "ticket-table"
--- @include "agency-ok"
--- @include "set-fields"
--- @include "set-deadline"
--- @include "emit"
local t = ticket_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t.agencyId) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
set_fields(tk, t, { recallCount = tostring(tonumber(t.recallCount or '0') + 1), lastCalledAt = tostring(A.now) })
set_deadline(t.id)
return emit('ticket.recalled', { t = t, c = t.counterId, w = {} })
