-- Calls one chosen waiting ticket at a counter.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] ticket hash
-- Returns json {t, seq}; errors NOT_FOUND, COUNTER_NOT_OPEN, COUNTER_BUSY, INVALID_TRANSITION.
local ck, tk = KEYS[1], KEYS[4]
local c = hash_table(ck)
if not c then return redis.error_reply('NOT_FOUND') end
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
if c.current and c.current ~= '' then return redis.error_reply('COUNTER_BUSY') end
if t.state ~= 'waiting' then return redis.error_reply('INVALID_TRANSITION') end
rcall('ZREM', qkey(t.serviceId), t.id)
return do_call(tk, t, c.id)
