-- waiting_of(service, ...): {service = number of waiting tickets} for the services given
-- (empty or nil ones skipped), for the event's `w`.
-- Uses: rcall, A
local function waiting_of(...)
  local w = {}
  for _, s in ipairs({...}) do
    if s and s ~= '' then w[s] = rcall('ZCARD', A.qPrefix .. s) end
  end
  return w
end
