-- set_deadline(id): (re)starts the no-show deadline of called ticket id, A.noShowMs after now
-- (the site's setting, from the caller's copy of the site; 0: none). The timers job sweeps
-- the deadlines that passed.
-- Uses: rcall, A, deadlinesKey
local function set_deadline(id)
  local ms = A.noShowMs
  if ms > 0 then rcall('ZADD', deadlinesKey, string.format('%d', A.now + ms), id) end
end
