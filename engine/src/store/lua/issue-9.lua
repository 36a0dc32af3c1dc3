-- Issues a ticket: numbers it, enqueues it by rank, appends ticket.issued.
-- KEYS[1] ticket hash (new id)  KEYS[2] events  KEYS[3] event seq  KEYS[4] idempotency key
-- KEYS[5] the service's stats of the day  KEYS[6] number sequence of the day and prefix
-- KEYS[7] status token  KEYS[8] the day's tickets  KEYS[9] the service's queue
-- ARGV[1] msgpack map {now, maxlen, ttl, day, id, token, service, agency, letter, priority,
--   priorityReason, channel, route, routeAgencies, rank, quota, bodyHash, idemTtl, qPrefix, tPrefix}
--   letter: number prefix; route, routeAgencies: JSON ('' none); rank: string; quota: 0 = none;
--   bodyHash: '' = no idempotency key; ttl, idemTtl: seconds
-- Returns json {t, seq, pos, replay}.
-- Errors: QUOTA_EXHAUSTED, IDEMPOTENCY_KEY_REUSED, NOT_FOUND
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, idemKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local statsKey, numberKey, tokenKey, dayKey, queueKey = KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
--- @include "hash-table"
--- @include "emit"
--- @include "waiting-of"
local now, ttl, id, bodyHash = A.now, A.ttl, A.id, A.bodyHash

if bodyHash ~= '' then
  local prev = rcall('GET', idemKey)
  if prev then
    local p = cjson.decode(prev)
    if p.h ~= bodyHash then return redis.error_reply('IDEMPOTENCY_KEY_REUSED') end
    local old = hash_table(A.tPrefix .. p.id)
    if not old then return redis.error_reply('NOT_FOUND') end
    local pos = rcall('ZRANK', A.qPrefix .. old.serviceId, old.id)
    return cjson.encode({ t = old, seq = 0, pos = pos or -1, replay = 1 })
  end
end

if A.quota > 0 and tonumber(rcall('HGET', statsKey, 'issued') or '0') >= A.quota then
  return redis.error_reply('QUOTA_EXHAUSTED')
end
-- The day's keys get their expiry once, when they are made.
if rcall('HINCRBY', statsKey, 'issued', 1) == 1 then rcall('EXPIRE', statsKey, ttl) end
local n = rcall('INCR', numberKey)
if n == 1 then rcall('EXPIRE', numberKey, ttl) end
local number = A.letter .. '-' .. string.format('%03d', n)

local t = {
  id = id, number = number, serviceId = A.service, agencyId = A.agency, state = 'waiting',
  priority = A.priority, priorityReason = A.priorityReason, channel = A.channel, createdAt = tostring(now),
  rank = A.rank, queuedAt = tostring(now), recallCount = '0', statusToken = A.token, day = A.day,
  route = A.route, routeAgencies = A.routeAgencies, routeIndex = '0', counterId = '', waitRecorded = '0',
}
local args = {}
for k, v in pairs(t) do args[#args + 1] = k; args[#args + 1] = v end
rcall('HSET', tk, unpack(args))
rcall('EXPIRE', tk, ttl)
rcall('ZADD', queueKey, A.rank, id)
rcall('SET', tokenKey, id, 'EX', ttl)
if rcall('ZADD', dayKey, now, id) == 1 and n == 1 then rcall('EXPIRE', dayKey, ttl) end
if bodyHash ~= '' then
  rcall('SET', idemKey, cjson.encode({ h = bodyHash, id = id }), 'EX', A.idemTtl)
end
local ev = { t = t, w = waiting_of(A.service) }
emit('ticket.issued', ev)
return cjson.encode({ t = t, seq = ev.seq, pos = rcall('ZRANK', queueKey, id) })
