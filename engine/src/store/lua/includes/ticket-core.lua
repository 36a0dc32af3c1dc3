-- ticket_core(tk): what a call reads of ticket tk, in the order of CALL_FIELDS in
-- store/script-calls.ts (a call answers these values, changed by the call, then counterId,
-- calledAt, recallCount and calledBy): the HMGET reply (absent fields false) and its values
-- by name, or nil when the ticket does not exist. One HMGET of what it needs: far cheaper for
-- Redis than the whole hash as a table.
-- Uses: rcall
local function ticket_core(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'number', 'serviceId', 'agencyId', 'priority', 'priorityReason', 'channel',
    'createdAt', 'route', 'routeIndex', 'statusToken', 'queuedAt', 'waitRecorded')
  if not v[1] then return nil end
  return v, {
    id = v[1], state = v[2], number = v[3], serviceId = v[4], agencyId = v[5], priority = v[6], priorityReason = v[7],
    channel = v[8], createdAt = v[9], route = v[10], routeIndex = v[11], queuedAt = v[13], waitRecorded = v[14],
  }
end
