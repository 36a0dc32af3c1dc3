-- Calls a called ticket again (screens and voice repeat it); its no-show deadline starts over.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}; errors NOT_FOUND, INVALID_TRANSITION.
local tk = KEYS[1]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
set_fields(tk, t, { recallCount = tostring(tonumber(t.recallCount) + 1), lastCalledAt = tostring(now) })
set_deadline(t.id)
return emit('ticket.recalled', { t = t, c = t.counterId, w = {} })
