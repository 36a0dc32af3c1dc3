-- Issues a ticket: numbers it, enqueues it by rank, appends ticket.issued.
-- KEYS[1] ticket hash (new id)  KEYS[2] events  KEYS[3] event seq  KEYS[4] idempotency key
-- ARGV[5] ticket id  ARGV[6] status token  ARGV[7] service  ARGV[8] agency  ARGV[9] number prefix
-- ARGV[10] priority  ARGV[11] priority reason  ARGV[12] channel  ARGV[13] route json ('' none)
-- ARGV[14] route agencies json  ARGV[15] rank  ARGV[16] daily quota (0 = none)
-- ARGV[17] body hash ('' = no idempotency key)  ARGV[18] idempotency ttl s  ARGV[19] ticket ttl s
-- Returns json {t, seq, pos, replay}; errors QUOTA_EXHAUSTED, IDEMPOTENCY_KEY_REUSED.
local tk, idemKey = KEYS[1], KEYS[4]
local id, token, service, agency, letter = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local quota, bodyHash, idemTtl, ttl = tonumber(ARGV[16]), ARGV[17], tonumber(ARGV[18]), tonumber(ARGV[19])

if bodyHash ~= '' then
  local prev = rcall('GET', idemKey)
  if prev then
    local p = cjson.decode(prev)
    if p.h ~= bodyHash then return redis.error_reply('IDEMPOTENCY_KEY_REUSED') end
    local old = hash_table(tkey(p.id))
    if not old then return redis.error_reply('NOT_FOUND') end
    local pos = rcall('ZRANK', qkey(old.serviceId), old.id)
    return cjson.encode({ t = old, seq = 0, pos = pos or -1, replay = 1 })
  end
end

local issuedKey = skey(service)
if quota > 0 and tonumber(rcall('HGET', issuedKey, 'issued') or '0') >= quota then
  return redis.error_reply('QUOTA_EXHAUSTED')
end
rcall('HINCRBY', issuedKey, 'issued', 1)
rcall('EXPIRE', issuedKey, ttl)
local n = rcall('INCR', pfx .. 'seq:' .. day .. ':' .. letter)
rcall('EXPIRE', pfx .. 'seq:' .. day .. ':' .. letter, ttl)
local number = letter .. '-' .. string.format('%03d', n)

local t = {
  id = id, number = number, serviceId = service, agencyId = agency, state = 'waiting',
  priority = ARGV[10], priorityReason = ARGV[11], channel = ARGV[12], createdAt = tostring(now),
  rank = ARGV[15], queuedAt = tostring(now), recallCount = '0', statusToken = token, day = day,
  route = ARGV[13], routeAgencies = ARGV[14], routeIndex = '0', counterId = '', waitRecorded = '0',
}
local args = {}
for k, v in pairs(t) do args[#args + 1] = k; args[#args + 1] = v end
rcall('HSET', tk, unpack(args))
rcall('EXPIRE', tk, ttl)
rcall('ZADD', qkey(service), ARGV[15], id)
rcall('SET', pfx .. 'tok:' .. token, id, 'EX', ttl)
rcall('ZADD', pfx .. 'day:' .. day, now, id)
rcall('EXPIRE', pfx .. 'day:' .. day, ttl)
if bodyHash ~= '' then
  rcall('SET', idemKey, cjson.encode({ h = bodyHash, id = id }), 'EX', idemTtl)
end
local seq = emit('ticket.issued', { t = t, w = waiting_of(service) })
local pos = rcall('ZRANK', qkey(service), id)
return cjson.encode({ t = t, seq = seq, pos = pos })
