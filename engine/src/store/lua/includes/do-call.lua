-- do_call(tk, v, counterId, counterKey): hands waiting ticket tk (already out of its queue;
-- v: what ticket_core read, in its order) to a counter, records its wait once and appends
-- ticket.called, which carries the ticket's whole view (screens show a call from the event
-- alone). Returns seq and values NUL-joined (values_reply): ticket_core's values as the call
-- left them, then counterId, calledAt, recallCount and calledBy (CALL_FIELDS in
-- store/script-calls.ts). The ticket keeps who called it (`calledBy`, A.by) for the staff
-- figures; the event's `wr` says this call recorded the wait (the report consumer counts
-- each wait once, from the event's `queuedAt`; no counter of calls is kept here: the reports
-- count calls from the events).
--- @include "set-deadline"
--- @include "emit-json"
--- @include "ticket-view"
-- Uses: rcall, A
local function do_call(tk, v, counterId, counterKey)
  local calledAt = A.nowStr
  local id, serviceId = v[1], v[4]
  local priority, reason, channel, createdAt = string.match(v[6], '^(%Z*)%z(%Z*)%z(%Z*)%z(%Z*)$')
  -- The event's JSON, written here (no table, no cjson); A.byJ: the caller's name as JSON.
  local extra = ''
  if reason ~= '' then extra = ', "priorityReason": "' .. reason .. '"' end
  if v[7] and v[7] ~= '' then extra = extra .. ', "route": ' .. cjson.encode(v[7]) .. ', "routeIndex": "' .. v[8] .. '"' end
  local wr = ''
  if v[10] ~= '1' then
    wr = ', "wr": 1'
    extra = extra .. ', "waitRecorded": "1", "queuedAt": "' .. v[9] .. '"'
    v[10] = '1'
    rcall('HSET', tk, 'state', 'called', 'counterId', counterId, 'calledAt', calledAt, 'recallCount', '0', 'calledBy', A.by, 'waitRecorded', '1')
  else
    rcall('HSET', tk, 'state', 'called', 'counterId', counterId, 'calledAt', calledAt, 'recallCount', '0', 'calledBy', A.by)
  end
  rcall('HSET', counterKey, 'current', id)
  set_deadline(id)
  local seq, s = next_seq()
  emit_json(s, '{"seq": ' .. s .. ',"type": "ticket.called", "at": ' .. calledAt .. ', "c": "' .. counterId .. '"' .. wr .. ', "w": {"' .. serviceId
    .. '": ' .. string.format('%d', rcall('ZCARD', A.qPrefix .. serviceId)) .. '}, "t": {"id": "' .. id .. '", "number": "' .. v[3]
    .. '", "serviceId": "' .. serviceId .. '", "agencyId": "' .. v[5] .. '", "priority": "' .. priority
    .. '", "channel": "' .. channel .. '", "createdAt": "' .. createdAt .. '", "state": "called", "counterId": "' .. counterId
    .. '", "calledAt": "' .. calledAt .. '", "recallCount": "0", "calledBy": ' .. A.byJ .. extra .. '}}')
  v[2] = 'called'
  v[12], v[13], v[14], v[15] = counterId, calledAt, '0', A.by
  return values_reply(s, v, 15)
end
