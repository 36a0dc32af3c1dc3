-- do_call(tk, v, t, counterId, counterKey): hands waiting ticket tk (already out of its queue;
-- v, t: what ticket_core read) to a counter, records its wait once and appends ticket.called,
-- which carries the ticket's whole view (screens show a call from the event alone). Returns
-- seq and values NUL-joined (values_reply): ticket_core's values as the call left them, then
-- counterId, calledAt, recallCount and calledBy (CALL_FIELDS in store/script-calls.ts). The ticket keeps who called
-- it (`calledBy`, A.by) for the staff figures; the event's `wr` says this call recorded the
-- wait (the report consumer counts each wait once, from the event's `queuedAt`; no counter of
-- calls is kept here: nothing read it, the reports count calls from the events).
--- @include "set-deadline"
--- @include "emit-json"
--- @include "ticket-view"
-- Uses: rcall, A
local function do_call(tk, v, t, counterId, counterKey)
  local calledAt = A.nowStr
  -- The event's JSON, written here (no table, no cjson); A.byJ: the caller's name as JSON.
  local extra = ''
  if t.priorityReason and t.priorityReason ~= '' then extra = ', "priorityReason": "' .. t.priorityReason .. '"' end
  if t.route and t.route ~= '' then extra = extra .. ', "route": ' .. cjson.encode(t.route) .. ', "routeIndex": "' .. t.routeIndex .. '"' end
  local wr = ''
  if t.waitRecorded ~= '1' then
    wr = ', "wr": 1'
    extra = extra .. ', "waitRecorded": "1", "queuedAt": "' .. t.queuedAt .. '"'
    v[10] = '1'
    rcall('HSET', tk, 'state', 'called', 'counterId', counterId, 'calledAt', calledAt, 'recallCount', '0', 'calledBy', A.by, 'waitRecorded', '1')
  else
    rcall('HSET', tk, 'state', 'called', 'counterId', counterId, 'calledAt', calledAt, 'recallCount', '0', 'calledBy', A.by)
  end
  rcall('HSET', counterKey, 'current', t.id)
  set_deadline(t.id)
  local seq, s = next_seq()
  emit_json(s, '{"seq": ' .. s .. ',"type": "ticket.called", "at": ' .. calledAt .. ', "c": "' .. counterId .. '"' .. wr .. ', "w": {"' .. t.serviceId
    .. '": ' .. string.format('%d', rcall('ZCARD', A.qPrefix .. t.serviceId)) .. '}, "t": {"id": "' .. t.id .. '", "number": "' .. t.number
    .. '", "serviceId": "' .. t.serviceId .. '", "agencyId": "' .. t.agencyId .. '", "priority": "' .. t.priority
    .. '", "channel": "' .. t.channel .. '", "createdAt": "' .. t.createdAt .. '", "state": "called", "counterId": "' .. counterId
    .. '", "calledAt": "' .. calledAt .. '", "recallCount": "0", "calledBy": ' .. A.byJ .. extra .. '}}')
  v[2] = 'called'
  v[11], v[12], v[13], v[14] = counterId, calledAt, '0', A.by
  return values_reply(s, v, 14)
end
