-- ticket_core(tk): what a call reads of ticket tk, in the order of CALL_FIELDS in
-- store/script-calls.ts (a call answers these values, changed by the call, then counterId,
-- calledAt, recallCount and calledBy): the HMGET reply (absent fields false) and its values
-- by name (the facts the event carries taken out of `facts`, includes/new-ticket.lua), or
-- nil when the ticket does not exist. One HMGET of what it needs: far cheaper for
-- Redis than the whole hash as a table.
--- @include "facts"
-- Uses: rcall
local function ticket_core(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'number', 'serviceId', 'agencyId', 'facts', 'route', 'routeIndex', 'queuedAt', 'waitRecorded')
  if not v[1] then return nil end
  v[6] = facts_of(tk, v[6])
  local priority, reason, channel, createdAt = string.match(v[6], '^(%Z*)%z(%Z*)%z(%Z*)%z(%Z*)%z')
  return v, {
    id = v[1], state = v[2], number = v[3], serviceId = v[4], agencyId = v[5], priority = priority, priorityReason = reason,
    channel = channel, createdAt = createdAt, route = v[7], routeIndex = v[8], queuedAt = v[9], waitRecorded = v[10],
  }
end
