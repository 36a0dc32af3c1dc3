-- Moves a waiting or serving ticket to the queue of another service. It keeps its number;
-- position 'keep' keeps its arrival rank, 'front' puts it first, 'back' last.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- ARGV[6] target service  ARGV[7] its agency  ARGV[8] position: keep | front | back
-- Returns json {t, seq}; errors NOT_FOUND, INVALID_TRANSITION.
local tk = KEYS[1]
local to, agency, position = ARGV[6], ARGV[7], ARGV[8]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'waiting' and t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
local from, counter = t.serviceId, t.counterId
if t.state == 'waiting' then
  rcall('ZREM', qkey(from), t.id)
else
  rcall('HINCRBY', skey(from), 'served', 1)
  rcall('RPUSH', skey(from) .. ':svc', now - tonumber(t.startedAt))
  release_counter(t)
end
local rank = t.rank
if position == 'front' then
  local head = rcall('ZRANGE', qkey(to), 0, 0, 'WITHSCORES')
  local first = head[2] and tonumber(head[2]) or tonumber(t.rank)
  rank = tostring(math.min(first, tonumber(t.rank)) - 1)
elseif position == 'back' then
  local tail = rcall('ZRANGE', qkey(to), -1, -1, 'WITHSCORES')
  local last = tail[2] and tonumber(tail[2]) or now
  rank = tostring(math.max(last + 1, now))
end
set_fields(tk, t, {
  state = 'waiting', serviceId = to, agencyId = agency, counterId = '', rank = rank,
  queuedAt = tostring(now), waitRecorded = '0', recallCount = '0',
})
rcall('ZADD', qkey(to), rank, t.id)
return emit('ticket.transferred', { t = t, c = counter, from = from, w = waiting_of(from, to) })
