-- Moves a waiting or serving ticket to the queue of another service. It keeps its number;
-- position 'keep' keeps its arrival rank, 'front' puts it first, 'back' last.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- KEYS[5] the target service's queue  KEYS[6] audit stream
-- ARGV[1] msgpack map {now, agencies, qPrefix, cPrefix, to, agency, position, audit}
--   to: target service; agency: its agency; position: keep | front | back
--   audit: the manager's audit entry (includes/audit.lua), '' when the caller is not audited
-- Returns json {t, seq}.
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey, toQueueKey, auditKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
--- @include "ticket-table"
--- @include "agency-ok"
--- @include "release-counter"
--- @include "set-fields"
--- @include "emit"
--- @include "audit"
--- @include "waiting-of"
local now, to, position = A.now, A.to, A.position
local t = ticket_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t.agencyId) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'waiting' and t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
local from, counter = t.serviceId, t.counterId
local before = { id = t.id, serviceId = from, state = t.state }
if t.state == 'waiting' then
  rcall('ZREM', A.qPrefix .. from, t.id)
else
  release_counter(t)
end
local rank = t.rank
if position == 'front' then
  local head = rcall('ZRANGE', toQueueKey, 0, 0, 'WITHSCORES')
  local first = head[2] and tonumber(head[2]) or tonumber(t.rank)
  rank = tostring(math.min(first, tonumber(t.rank)) - 1)
elseif position == 'back' then
  local tail = rcall('ZRANGE', toQueueKey, -1, -1, 'WITHSCORES')
  local last = tail[2] and tonumber(tail[2]) or now
  rank = tostring(math.max(last + 1, now))
end
set_fields(tk, t, {
  state = 'waiting', serviceId = to, agencyId = A.agency, counterId = '', rank = rank,
  queuedAt = tostring(now), waitRecorded = '0', recallCount = '0',
})
rcall('ZADD', toQueueKey, rank, t.id)
audit(t.number, before, { serviceId = to, state = t.state, position = position })
return emit('ticket.transferred', { t = t, c = counter, from = from, w = waiting_of(from, to) })
