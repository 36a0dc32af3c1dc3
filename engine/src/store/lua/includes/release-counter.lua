-- release_counter(t): frees the counter that holds ticket t, if it still does, and drops the
-- ticket's no-show deadline.
--- @include "clear-deadline"
-- Uses: rcall, A
local function release_counter(t)
  clear_deadline(t.id)
  local c = t.counterId
  if c and c ~= '' then
    local ck = A.cPrefix .. c
    if rcall('HGET', ck, 'current') == t.id then rcall('HSET', ck, 'current', '') end
  end
end
