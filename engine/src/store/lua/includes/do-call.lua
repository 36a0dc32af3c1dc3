-- do_call(tk, t, counterId, counterKey): hands waiting ticket t (hash tk, already out of its
-- queue) to a counter, records its wait once, and returns the ticket.called event JSON. The
-- ticket keeps who called it (`calledBy`, A.by) for the staff figures; the event's `wr` says
-- this call recorded the wait (the report consumer counts each wait once).
--- @include "set-fields"
--- @include "stats"
--- @include "set-deadline"
--- @include "emit"
--- @include "waiting-of"
-- Uses: rcall, A
local function do_call(tk, t, counterId, counterKey)
  local now = A.now
  local fields = { state = 'called', counterId = counterId, calledAt = tostring(now), recallCount = '0', calledBy = A.by }
  local wr = nil
  if t.waitRecorded ~= '1' then
    wr = 1
    stats_sample(t.serviceId, A.waitsSuffix, now - tonumber(t.queuedAt))
    stats_count(t.serviceId, 'called')
    fields.waitRecorded = '1'
  end
  set_fields(tk, t, fields)
  rcall('HSET', counterKey, 'current', t.id)
  set_deadline(t.id)
  return emit('ticket.called', { t = t, c = counterId, w = waiting_of(t.serviceId), wr = wr })
end
