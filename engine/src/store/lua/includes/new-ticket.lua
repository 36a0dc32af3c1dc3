-- new_ticket(priority, rank, channel): numbers a new ticket of the day (A.letter), completes
-- its hash, enqueues it by rank, counts it as issued and appends ticket.issued (the one event
-- with the whole hash). The caller sends the hash's other fields ready to write: A.h, a flat
-- list of fields and values (the fields the scripts read most first: Redis finds a field of a
-- small hash by scanning it), and A.tj, the same as JSON members (`"id": "...", ...`), so the
-- script builds no table and encodes nothing. The one place a ticket is made: issue-9
-- (walk-ins) and check-in-11 (bookings) both call it.
-- Returns the ticket's number and the seq of its event.
--- @include "emit-json"
-- Uses: rcall, A, tk, eventsKey, seqKey, statsKey, numberKey, tokenKey, dayKey, queueKey
local function new_ticket(priority, rank, channel)
  local ttl, id = A.ttl, A.id
  -- The day's keys get their expiry once, when they are made.
  if rcall('HINCRBY', statsKey, 'issued', '1') == 1 then rcall('EXPIRE', statsKey, ttl) end
  local n = rcall('INCR', numberKey)
  if n == 1 then rcall('EXPIRE', numberKey, ttl) end
  local number = A.letter .. '-' .. string.format('%03d', n)
  rcall('HSET', tk, 'number', number, 'priority', priority, 'rank', rank, 'channel', channel, unpack(A.h))
  rcall('EXPIRE', tk, ttl)
  rcall('ZADD', queueKey, rank, id)
  rcall('SET', tokenKey, id, 'EX', ttl)
  if rcall('ZADD', dayKey, A.nowStr, id) == 1 and n == 1 then rcall('EXPIRE', dayKey, ttl) end
  local waiting = string.format('%d', rcall('ZCARD', queueKey))
  local seq, s = next_seq()
  emit_json(s, '{"seq": ' .. s .. ',"type": "ticket.issued", "at": ' .. A.nowStr .. ', "w": {"' .. A.service .. '": ' .. waiting
    .. '}, "t": {"number": "' .. number .. '", "priority": "' .. priority .. '", "rank": "' .. rank .. '", "channel": "' .. channel .. '", ' .. A.tj .. '}}')
  return number, seq
end
