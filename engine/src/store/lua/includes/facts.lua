-- facts_of(tk, f): ticket tk's `facts` (priority, priorityReason, channel and createdAt joined
-- by NUL, includes/new-ticket.lua) as a script read it (f), or, for a ticket written before
-- the field existed (an engine upgraded during the day), made of the separate fields it has
-- instead.
-- Uses: rcall
local function facts_of(tk, f)
  if f then return f end
  local o = rcall('HMGET', tk, 'priority', 'priorityReason', 'channel', 'createdAt')
  return (o[1] or '') .. '\0' .. (o[2] or '') .. '\0' .. (o[3] or '') .. '\0' .. (o[4] or '')
end
