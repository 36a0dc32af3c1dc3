-- Cancels a waiting or called ticket (citizen left, staff or end of day).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}; errors NOT_FOUND, INVALID_TRANSITION.
local tk = KEYS[1]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'waiting' and t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
local counter = t.counterId
if t.state == 'waiting' then rcall('ZREM', qkey(t.serviceId), t.id) end
release_counter(t)
rcall('HINCRBY', skey(t.serviceId), 'cancelled', 1)
set_fields(tk, t, { state = 'cancelled', finishedAt = tostring(now) })
return emit('ticket.cancelled', { t = t, c = counter, w = waiting_of(t.serviceId) })
