-- Cancels a waiting or called ticket (citizen left, staff or end of day).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines  KEYS[5] audit stream
-- ARGV[1] msgpack map {now, agencies, qPrefix, cPrefix, audit}
--   audit: the manager's audit entry (includes/audit.lua), '' when the caller is not audited
-- Returns json {t, seq}.
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey, auditKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
--- @include "ticket-table"
--- @include "agency-ok"
--- @include "release-counter"
--- @include "set-fields"
--- @include "emit"
--- @include "audit"
--- @include "waiting-of"
local t = ticket_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t.agencyId) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'waiting' and t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
local counter = t.counterId
local before = { state = t.state, serviceId = t.serviceId }
if t.state == 'waiting' then rcall('ZREM', A.qPrefix .. t.serviceId, t.id) end
release_counter(t)
set_fields(tk, t, { state = 'cancelled', finishedAt = tostring(A.now) })
audit(t.number, before, { id = t.id, state = t.state })
return emit('ticket.cancelled', { t = t, c = counter, w = waiting_of(t.serviceId) })
