-- new_ticket(priority, rank, channel): numbers a new ticket of the day (A.letter), writes its
-- hash, enqueues it by rank, counts it as issued, appends ticket.issued (with the whole hash:
-- the one event that carries every field). The one place a ticket is made: issue-9
-- (walk-ins) and check-in-11 (bookings) both call it.
-- Returns the ticket table and the seq of its event.
-- Uses: rcall, A, tk, eventsKey, seqKey, statsKey, numberKey, tokenKey, dayKey, queueKey
local function new_ticket(priority, rank, channel)
  local now, ttl, id = A.now, A.ttl, A.id
  -- The day's keys get their expiry once, when they are made.
  if rcall('HINCRBY', statsKey, 'issued', 1) == 1 then rcall('EXPIRE', statsKey, ttl) end
  local n = rcall('INCR', numberKey)
  if n == 1 then rcall('EXPIRE', numberKey, ttl) end
  local number = A.letter .. '-' .. string.format('%03d', n)
  local nowStr = tostring(now)
  local t = {
    id = id, number = number, serviceId = A.service, agencyId = A.agency, state = 'waiting',
    priority = priority, priorityReason = A.priorityReason, channel = channel, createdAt = nowStr,
    rank = rank, queuedAt = nowStr, recallCount = '0', statusToken = A.token, day = A.day,
    route = A.route, routeAgencies = A.routeAgencies, routeIndex = '0', counterId = '', waitRecorded = '0',
  }
  local args = {}
  for k, v in pairs(t) do args[#args + 1] = k; args[#args + 1] = v end
  rcall('HSET', tk, unpack(args))
  rcall('EXPIRE', tk, ttl)
  rcall('ZADD', queueKey, rank, id)
  rcall('SET', tokenKey, id, 'EX', ttl)
  if rcall('ZADD', dayKey, now, id) == 1 and n == 1 then rcall('EXPIRE', dayKey, ttl) end
  local _, seq = emit('ticket.issued', { t = t, w = waiting_of(A.service) })
  return t, seq
end
