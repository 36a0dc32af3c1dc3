-- hash_table(key): the hash at key as a Lua table, or nil when the key does not exist.
-- Uses: rcall
local function hash_table(key)
  local flat = rcall('HGETALL', key)
  if #flat == 0 then return nil end
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end
