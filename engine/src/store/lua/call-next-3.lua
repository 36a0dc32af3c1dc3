-- Calls the best waiting ticket for a counter (the rule is call_best in _lib.lua).
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}, or nil when nothing waits; errors NOT_FOUND, COUNTER_NOT_OPEN, COUNTER_BUSY.
local c = hash_table(KEYS[1])
if not c then return redis.error_reply('NOT_FOUND') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
if c.current and c.current ~= '' then return redis.error_reply('COUNTER_BUSY') end
return call_best(c)
