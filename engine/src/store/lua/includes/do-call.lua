-- do_call(tk, t, counterId, counterKey): hands waiting ticket t (hash tk, already out of its
-- queue; a table with at least id, number, serviceId, agencyId, priority, queuedAt and
-- waitRecorded) to a counter, records its wait once, appends ticket.called and returns the
-- ticket_reply. The ticket keeps who called it (`calledBy`, A.by) for the staff figures; the
-- event's `wr` says this call recorded the wait (the report consumer counts each wait once,
-- from the event's `queuedAt`).
--- @include "stats"
--- @include "set-deadline"
--- @include "emit"
--- @include "waiting-of"
--- @include "ticket-reply"
-- Uses: rcall, A
local function do_call(tk, t, counterId, counterKey)
  local now = A.now
  local calledAt = tostring(now)
  local ev = {
    id = t.id, number = t.number, serviceId = t.serviceId, agencyId = t.agencyId, priority = t.priority,
    state = 'called', counterId = counterId, calledAt = calledAt, recallCount = '0', calledBy = A.by,
  }
  local wr = nil
  if t.waitRecorded ~= '1' then
    wr = 1
    stats_sample(t.serviceId, A.waitsSuffix, now - tonumber(t.queuedAt))
    stats_count(t.serviceId, 'called')
    ev.waitRecorded = '1'
    ev.queuedAt = t.queuedAt
    rcall('HSET', tk, 'state', 'called', 'counterId', counterId, 'calledAt', calledAt, 'recallCount', '0', 'calledBy', A.by, 'waitRecorded', '1')
  else
    rcall('HSET', tk, 'state', 'called', 'counterId', counterId, 'calledAt', calledAt, 'recallCount', '0', 'calledBy', A.by)
  end
  rcall('HSET', counterKey, 'current', t.id)
  set_deadline(t.id)
  local _, seq = emit('ticket.called', { t = ev, c = counterId, w = waiting_of(t.serviceId), wr = wr })
  return ticket_reply(tk, seq)
end
