-- ticket_core(tk): the fields of ticket tk that the hot transitions (call, start, finish) check
-- and announce, as a table (absent ones false), or nil when the ticket does not exist. One
-- HMGET: far cheaper for Redis than the whole hash as a table.
-- Uses: rcall
local function ticket_core(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'agencyId', 'number', 'serviceId', 'counterId', 'priority', 'startedAt', 'queuedAt', 'waitRecorded', 'route')
  if not v[1] then return nil end
  return {
    id = v[1], state = v[2], agencyId = v[3], number = v[4], serviceId = v[5], counterId = v[6],
    priority = v[7], startedAt = v[8], queuedAt = v[9], waitRecorded = v[10], route = v[11],
  }
end
