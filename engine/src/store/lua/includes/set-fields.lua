-- set_fields(key, t, fields): writes fields to the hash at key and to its Lua copy t.
-- Uses: rcall
local function set_fields(key, t, fields)
  local args = {}
  for k, v in pairs(fields) do
    t[k] = v
    args[#args + 1] = k
    args[#args + 1] = v
  end
  rcall('HSET', key, unpack(args))
end
