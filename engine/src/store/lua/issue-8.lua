-- Issues a ticket: numbers it, enqueues it by rank, appends ticket.issued.
-- KEYS[1] ticket hash (new id)  KEYS[2] events  KEYS[3] event seq  KEYS[4] idempotency key
-- KEYS[5] the service's stats of the day  KEYS[6] number sequence of the day and prefix
-- KEYS[7] the day's tickets  KEYS[8] the service's queue
-- ARGV[1] msgpack map {nowStr, id, service, letter, priority, channel, rank,
--   quota, bodyHash, qPrefix, tPrefix, agency, token, day, priorityReason, route, routeJ,
--   routeAgencies, routeAgenciesJ}
--   letter: number prefix; rank: string; quota: absent = none; bodyHash: absent = no
--   idempotency key (qPrefix and tPrefix come with it);
--   agency ... routeAgenciesJ: the new ticket's (includes/new-ticket.lua; absent at their default)
--   The quota counts tickets issued and places reserved by bookings (stats field `reserved`).
-- Returns seq, number and pos NUL-joined (one string: the caller knows the rest of the ticket); an
--   Idempotency-Key replay returns json {t, seq = 0, pos, replay = 1} with the earlier ticket.
-- Errors: QUOTA_EXHAUSTED, IDEMPOTENCY_KEY_REUSED, NOT_FOUND
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, idemKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local statsKey, numberKey, dayKey, queueKey = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
--- @include "hash-table"
--- @include "new-ticket"
local bodyHash = A.bodyHash

if bodyHash then
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

if A.quota then
  local used = rcall('HMGET', statsKey, 'issued', 'reserved')
  if tonumber(used[1] or '0') + tonumber(used[2] or '0') >= A.quota then
    return redis.error_reply('QUOTA_EXHAUSTED')
  end
end
local number, _, s = new_ticket(A.priority, A.rank, A.channel)
if bodyHash then
  rcall('SET', idemKey, cjson.encode({ h = bodyHash, id = A.id }), 'EX', '@IDEMPOTENCY_TTL_SECONDS@')
end
return s .. '\0' .. number .. '\0' .. string.format('%d', rcall('ZRANK', queueKey, A.id))
