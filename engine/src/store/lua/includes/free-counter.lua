-- free_counter(t): frees the counter that holds ticket t, if it still does.
-- Uses: rcall, A
local function free_counter(t)
  local c = t.counterId
  if c and c ~= '' then
    local ck = A.cPrefix .. c
    if rcall('HGET', ck, 'current') == t.id then rcall('HSET', ck, 'current', '') end
  end
end
