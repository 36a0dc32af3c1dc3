-- do_finish(tk, t): service done at its counter: serving -> done, or, when the ticket has a
-- route with a next step, serving -> waiting at the next service, keeping its number and its
-- original rank. Returns the ticket.finished (or ticket.transferred) event JSON.
--- @include "set-fields"
--- @include "stats"
--- @include "release-counter"
--- @include "emit"
--- @include "waiting-of"
-- Uses: rcall, A
local function do_finish(tk, t)
  local now = A.now
  local from, counter = t.serviceId, t.counterId
  stats_count(from, 'served')
  stats_sample(from, A.svcSuffix, now - tonumber(t.startedAt))
  release_counter(t)
  local route = (t.route ~= '' and t.route) and cjson.decode(t.route) or {}
  local ri = tonumber(t.routeIndex or '0')
  if ri + 1 < #route then
    local agencies = cjson.decode(t.routeAgencies)
    local nextService = route[ri + 2]
    set_fields(tk, t, {
      state = 'waiting', serviceId = nextService, agencyId = agencies[ri + 2], routeIndex = tostring(ri + 1),
      counterId = '', queuedAt = tostring(now), waitRecorded = '0', recallCount = '0', finishedAt = tostring(now),
    })
    rcall('ZADD', A.qPrefix .. nextService, t.rank, t.id)
    return emit('ticket.transferred', { t = t, c = counter, from = from, w = waiting_of(nextService) })
  end
  set_fields(tk, t, { state = 'done', finishedAt = tostring(now) })
  return emit('ticket.finished', { t = t, c = counter, w = {} })
end
