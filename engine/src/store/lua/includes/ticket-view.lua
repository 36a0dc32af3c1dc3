-- ticket_view(tk): the fields of ticket tk's DTO, in the order of VIEW_FIELDS in
-- store/script-calls.ts (absent ones false), or nil when the ticket does not exist: start and
-- finish read what they check from it and answer {seq, these values as the step left them}.
-- One HMGET of what the answer needs: far cheaper for Redis than the whole hash.
-- Uses: rcall
local function ticket_view(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'number', 'serviceId', 'agencyId', 'counterId', 'startedAt', 'route',
    'routeIndex', 'priority', 'priorityReason', 'channel', 'createdAt', 'recallCount', 'calledAt', 'finishedAt', 'statusToken')
  if not v[1] then return nil end
  return v
end
