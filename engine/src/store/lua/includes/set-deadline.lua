-- set_deadline(id): (re)starts the no-show deadline of called ticket id, per the site's
-- noShowMs setting (0: none). The timers job sweeps the deadlines that passed.
-- Uses: rcall, A, configKey, deadlinesKey
local function set_deadline(id)
  local ms = tonumber(rcall('HGET', configKey, 'noShowMs') or '0')
  if ms > 0 then rcall('ZADD', deadlinesKey, string.format('%d', A.now + ms), id) end
end
