-- The citizen did not come: called -> no_show. From the timers sweep (due = true), only if the
-- ticket's no-show deadline has passed (a recall or start meanwhile moves or clears it).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {now, agencies, cPrefix, due}
-- Returns json {t, seq}.
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "ticket-table"
--- @include "agency-ok"
--- @include "release-counter"
--- @include "set-fields"
--- @include "emit"
local t = ticket_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t.agencyId) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then
  -- From the sweep: a deadline left for a ticket no longer called goes, here, atomically (a
  -- new deadline of a recall is never touched: it belongs to a called ticket).
  if A.due then rcall('ZREM', deadlinesKey, t.id) end
  return redis.error_reply('INVALID_TRANSITION')
end
if A.due then
  local due = rcall('ZSCORE', deadlinesKey, t.id)
  if not due or tonumber(due) > A.now then return redis.error_reply('INVALID_TRANSITION') end
end
local counter = t.counterId
release_counter(t)
set_fields(tk, t, { state = 'no_show', finishedAt = tostring(A.now) })
return emit('ticket.no_show', { t = t, c = counter, w = {} })
