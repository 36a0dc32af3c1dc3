-- ticket_view(tk): the fields of ticket tk's DTO, in the order of VIEW_FIELDS in
-- store/script-calls.ts (absent ones false), or nil when the ticket does not exist: start and
-- finish read what they check from it and answer {seq, these values as the step left them}.
-- One HMGET of what the answer needs: far cheaper for Redis than the whole hash.
-- values_reply(seq, v, n): a hot script's answer {seq, v[1..n] NUL-joined, an absent value as
-- ''} (read by `valuesReply` in store/script-calls.ts): one bulk string costs Redis far less
-- to reply than n of them.
-- Uses: rcall
local function ticket_view(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'number', 'serviceId', 'agencyId', 'counterId', 'startedAt', 'route',
    'routeIndex', 'priority', 'priorityReason', 'channel', 'createdAt', 'recallCount', 'calledAt', 'finishedAt', 'statusToken')
  if not v[1] then return nil end
  return v
end
local function values_reply(seq, v, n)
  for i = 1, n do
    if not v[i] then v[i] = '' end
  end
  return { seq, table.concat(v, '\0', 1, n) }
end
