-- ticket_view(tk): the fields of ticket tk's DTO, in the order of VIEW_FIELDS in
-- store/script-calls.ts (absent ones false; `facts` as stored, includes/new-ticket.lua), or
-- nil when the ticket does not exist: start and finish read what they check from it and
-- answer {seq, these values as the step left them}. One HMGET of what the answer needs: far
-- cheaper for Redis than the whole hash.
-- values_reply(s, v, n): a hot script's answer, one string: its event's seq s, then v[1..n]
-- (n: 14, a view, or 15, a call), NUL-joined, an absent value as '' (read by `valuesReply` in
-- store/script-calls.ts): one bulk string costs Redis far less to reply than a table (whose
-- conversion looks up Redis's special reply fields in it) or n strings.
--- @include "facts"
-- Uses: rcall
local function ticket_view(tk)
  local v = rcall('HMGET', tk, 'id', 'state', 'number', 'serviceId', 'agencyId', 'counterId', 'startedAt', 'route',
    'routeIndex', 'facts', 'recallCount', 'calledAt', 'finishedAt', 'statusToken')
  if not v[1] then return nil end
  v[10] = facts_of(tk, v[10])
  return v
end
local function values_reply(s, v, n)
  -- One concatenation (Redis's Lua hashes every string it makes: one string, once).
  if n == 14 then
    return s .. '\0' .. (v[1] or '') .. '\0' .. (v[2] or '') .. '\0' .. (v[3] or '') .. '\0' .. (v[4] or '') .. '\0' ..
      (v[5] or '') .. '\0' .. (v[6] or '') .. '\0' .. (v[7] or '') .. '\0' .. (v[8] or '') .. '\0' ..
      (v[9] or '') .. '\0' .. (v[10] or '') .. '\0' .. (v[11] or '') .. '\0' .. (v[12] or '') .. '\0' ..
      (v[13] or '') .. '\0' .. (v[14] or '')
  end
  return s .. '\0' .. (v[1] or '') .. '\0' .. (v[2] or '') .. '\0' .. (v[3] or '') .. '\0' .. (v[4] or '') .. '\0' ..
      (v[5] or '') .. '\0' .. (v[6] or '') .. '\0' .. (v[7] or '') .. '\0' .. (v[8] or '') .. '\0' ..
      (v[9] or '') .. '\0' .. (v[10] or '') .. '\0' .. (v[11] or '') .. '\0' .. (v[12] or '') .. '\0' ..
      (v[13] or '') .. '\0' .. (v[14] or '') .. '\0' .. (v[15] or '')
end
