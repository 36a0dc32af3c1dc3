-- release_cooled(): gives back to their slots the cancelled places whose cool-down has ended
-- (members `HH:MM/code` of the cool-down set, scored by release time).
-- Uses: rcall, A, slotsKey, coolKey
local function release_cooled()
  local due = rcall('ZRANGEBYSCORE', coolKey, '-inf', A.now)
  for _, m in ipairs(due) do
    rcall('HINCRBY', slotsKey, string.sub(m, 1, 5), -1)
    rcall('ZREM', coolKey, m)
  end
end
