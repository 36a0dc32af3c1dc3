-- counter_core(counterKey): id, status, current ticket and service tiers (JSON) of a counter,
-- or nil when it does not exist.
-- Uses: rcall
local function counter_core(counterKey)
  local v = rcall('HMGET', counterKey, 'id', 'status', 'current', 'services')
  if not v[1] then return nil end
  return { id = v[1], status = v[2], current = v[3], services = v[4] }
end
