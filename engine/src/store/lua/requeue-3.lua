-- Puts a called ticket back in its queue at its original rank: called -> waiting.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}; errors NOT_FOUND, INVALID_TRANSITION.
local tk = KEYS[1]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
local counter = t.counterId
release_counter(t)
set_fields(tk, t, { state = 'waiting', counterId = '', recallCount = '0' })
rcall('ZADD', qkey(t.serviceId), t.rank, t.id)
return emit('ticket.requeued', { t = t, c = counter, w = waiting_of(t.serviceId) })
