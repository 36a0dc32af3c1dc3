-- Service done: serving -> done, or, when the ticket has a route with a next step,
-- serving -> waiting at the next service, keeping its number and original rank.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}; errors NOT_FOUND, INVALID_TRANSITION.
local tk = KEYS[1]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
local from, counter = t.serviceId, t.counterId
rcall('HINCRBY', skey(from), 'served', 1)
rcall('RPUSH', skey(from) .. ':svc', now - tonumber(t.startedAt))
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
  rcall('ZADD', qkey(nextService), t.rank, t.id)
  return emit('ticket.transferred', { t = t, c = counter, from = from, w = waiting_of(nextService) })
end
set_fields(tk, t, { state = 'done', finishedAt = tostring(now) })
return emit('ticket.finished', { t = t, c = counter, w = {} })
