-- Service done: serving -> done, or on to the next step of its route (see do_finish).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}; errors NOT_FOUND, FORBIDDEN, INVALID_TRANSITION.
local tk = KEYS[1]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
return do_finish(tk, t)
