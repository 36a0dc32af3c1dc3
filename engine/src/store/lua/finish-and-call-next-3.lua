-- "Selesai & panggil berikutnya": finishes the counter's serving ticket and calls the next
-- one, in one atomic step (two events). With no ticket held it only calls.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq
-- Returns [finished event json or false, called event json or false];
-- errors NOT_FOUND, FORBIDDEN, COUNTER_NOT_OPEN, INVALID_TRANSITION (the held ticket is not being served).
local c = hash_table(KEYS[1])
if not c then return redis.error_reply('NOT_FOUND') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
local finished = false
if c.current and c.current ~= '' then
  local tk = tkey(c.current)
  local t = hash_table(tk)
  if not t then return redis.error_reply('NOT_FOUND') end
  if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
  if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
  finished = do_finish(tk, t)
end
return { finished, call_best(c) or false }
