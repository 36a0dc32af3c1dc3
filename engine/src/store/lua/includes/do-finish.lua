-- do_finish(tk, t, v): service done at its counter: serving -> done, or, when the ticket has a
-- route with a next step, serving -> waiting at the next service, keeping its number and its
-- original rank. t: a table with at least id, number, serviceId, agencyId, counterId,
-- startedAt and route. Appends ticket.finished (or ticket.transferred), whose `t` also
-- carries `startedAt` (the report consumer's service time), and returns its seq (a number,
-- and a string). v, when
-- given: the ticket_view values (includes/ticket-view.lua), updated to the ticket after it.
--- @include "free-counter"
--- @include "emit"
--- @include "emit-json"
--- @include "waiting-of"
-- Uses: rcall, A
local function do_finish(tk, t, v)
  local nowStr = A.nowStr
  local from, counter = t.serviceId, t.counterId
  -- A serving ticket has no no-show deadline (start dropped it).
  free_counter(t)
  local route = (t.route and t.route ~= '') and cjson.decode(t.route) or nil
  local more = route and rcall('HMGET', tk, 'routeIndex', 'routeAgencies', 'rank')
  local ri = more and tonumber(more[1] or '0') or 0
  if route and ri + 1 < #route then
    local nextService, agency = route[ri + 2], cjson.decode(more[2])[ri + 2]
    local ev = {
      id = t.id, number = t.number, state = 'waiting', serviceId = nextService, agencyId = agency,
      route = t.route, routeIndex = tostring(ri + 1), counterId = '', queuedAt = nowStr, waitRecorded = '0', recallCount = '0',
      finishedAt = nowStr, startedAt = t.startedAt,
    }
    rcall('HSET', tk, 'state', 'waiting', 'serviceId', nextService, 'agencyId', agency, 'routeIndex', ev.routeIndex,
      'counterId', '', 'queuedAt', nowStr, 'waitRecorded', '0', 'recallCount', '0', 'finishedAt', nowStr)
    rcall('ZADD', A.qPrefix .. nextService, more[3], t.id)
    if v then v[2], v[4], v[5], v[6], v[9], v[11], v[13] = 'waiting', nextService, agency, '', ev.routeIndex, '0', nowStr end
    local _, seq = emit('ticket.transferred', { t = ev, c = counter, from = from, w = waiting_of(nextService) })
    return seq, string.format('%d', seq)
  end
  rcall('HSET', tk, 'state', 'done', 'finishedAt', nowStr)
  if v then v[2], v[13] = 'done', nowStr end
  local seq, s = next_seq()
  emit_json(s, '{"seq": ' .. s .. ',"type": "ticket.finished", "at": ' .. nowStr .. ', "c": "' .. (counter or '') .. '", "t": {"id": "' .. t.id
    .. '", "number": "' .. t.number .. '", "serviceId": "' .. from .. '", "agencyId": "' .. t.agencyId
    .. '", "state": "done", "finishedAt": "' .. nowStr .. '", "startedAt": "' .. t.startedAt .. '"}}')
  return seq, s
end
