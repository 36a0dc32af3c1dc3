-- ticket_core(tk): what a call reads of ticket tk, in the order of CALL_FIELDS in
-- store/script-calls.ts (a call answers these values, changed by the call, then counterId,
-- calledAt, recallCount and calledBy): the HMGET reply (absent fields false; `facts` as
-- stored, includes/new-ticket.lua), or nil when the ticket does not exist. One HMGET of what
-- it needs: far cheaper for Redis than the whole hash as a table (and no table by name: each
-- field of a Lua table costs Redis's Lua an insert and its collector the memory).
--- @include "facts"
-- Uses: rcall
local function ticket_core(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'number', 'serviceId', 'agencyId', 'facts', 'route', 'routeIndex', 'queuedAt', 'waitRecorded',
    'statusToken')
  if not v[1] then return nil end
  v[6] = facts_of(tk, v[6])
  return v
end
