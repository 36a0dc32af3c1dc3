-- new_ticket(priority, rank, channel): numbers a new ticket of the day (A.letter), writes its
-- hash, enqueues it by rank, counts it as issued and appends ticket.issued (the one event with
-- the whole hash). The caller sends only the values that vary (A.id, service, agency, token,
-- day, and when the ticket has them priorityReason, route and routeAgencies with the two
-- routes as JSON strings, routeJ and routeAgenciesJ, for the event); the rest are literals
-- here (Redis's Lua makes no string of a literal at run time). Every field costs Redis a scan
-- of the hash's listpack each time it is set or read, so: a field at its default is not
-- written (absent: counterId, route, routeAgencies '', recallCount, routeIndex, waitRecorded
-- '0'); what never changes and the hot scripts only pass on is one field, `facts`:
-- priority, priorityReason, channel and createdAt joined by NUL (the status token, longer, is
-- a field of its own: a value over 64 bytes would turn the whole hash from a listpack into a
-- hash table, several times the memory)
-- (includes/ticket-table.lua and store/ticket-mapper.ts `storedTicket` make fields of it and
-- fill the defaults in); the fields the hot scripts read come first. The
-- one place a ticket is made: issue-8 (walk-ins) and check-in-10 (bookings) both call it.
-- Returns the ticket's number and the seq of its event (a number, and a string).
--- @include "emit-json"
-- Uses: rcall, A, tk, eventsKey, seqKey, statsKey, numberKey, dayKey, queueKey
local function new_ticket(priority, rank, channel)
  local ttl, id, nowStr = '@TICKET_TTL_SECONDS@', A.id, A.nowStr
  -- The day's keys get their expiry once, when they are made.
  if rcall('HINCRBY', statsKey, 'issued', '1') == 1 then rcall('EXPIRE', statsKey, ttl) end
  local n = rcall('INCR', numberKey)
  if n == 1 then rcall('EXPIRE', numberKey, ttl) end
  local number = A.letter .. '-' .. string.format('%03d', n)
  local reason = A.priorityReason or ''
  rcall('HSET', tk, 'state', 'waiting', 'id', id, 'number', number, 'serviceId', A.service, 'agencyId', A.agency,
    'facts', priority .. '\0' .. reason .. '\0' .. channel .. '\0' .. nowStr, 'statusToken', A.token, 'queuedAt', nowStr, 'rank', rank,
    'day', A.day)
  local extra = ''
  if reason ~= '' then extra = ', "priorityReason": "' .. reason .. '"' end
  if A.route then
    rcall('HSET', tk, 'route', A.route, 'routeIndex', '0', 'routeAgencies', A.routeAgencies)
    extra = extra .. ', "route": ' .. A.routeJ .. ', "routeIndex": "0", "routeAgencies": ' .. A.routeAgenciesJ
  end
  rcall('EXPIRE', tk, ttl)
  rcall('ZADD', queueKey, rank, id)
  if rcall('ZADD', dayKey, nowStr, id) == 1 and n == 1 then rcall('EXPIRE', dayKey, ttl) end
  local waiting = string.format('%d', rcall('ZCARD', queueKey))
  local seq, s = next_seq()
  emit_json(s, '{"seq": ' .. s .. ',"type": "ticket.issued", "at": ' .. nowStr .. ', "w": {"' .. A.service .. '": ' .. waiting
    .. '}, "t": {"state": "waiting", "id": "' .. id .. '", "number": "' .. number .. '", "serviceId": "' .. A.service
    .. '", "agencyId": "' .. A.agency .. '", "queuedAt": "' .. nowStr .. '", "priority": "' .. priority .. '", "channel": "' .. channel
    .. '", "createdAt": "' .. nowStr .. '", "statusToken": "' .. A.token .. '", "rank": "' .. rank .. '", "day": "' .. A.day .. '"' .. extra .. '}}')
  return number, seq, s
end
