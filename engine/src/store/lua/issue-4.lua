-- Issues a ticket: numbers it, enqueues it by rank, appends ticket.issued.
-- KEYS[1] ticket hash (new id)  KEYS[2] events  KEYS[3] event seq  KEYS[4] idempotency key
-- ARGV[6] ticket id  ARGV[7] status token  ARGV[8] service  ARGV[9] agency  ARGV[10] number prefix
-- ARGV[11] priority  ARGV[12] priority reason  ARGV[13] channel  ARGV[14] route json ('' none)
-- ARGV[15] route agencies json  ARGV[16] rank  ARGV[17] daily quota (0 = none)
-- ARGV[18] body hash ('' = no idempotency key)  ARGV[19] idempotency ttl s  ARGV[20] ticket ttl s
-- Returns json {t, seq, pos, replay}; errors QUOTA_EXHAUSTED, IDEMPOTENCY_KEY_REUSED.
local tk, idemKey = KEYS[1], KEYS[4]
local id, token, service, agency, letter = ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
local quota, bodyHash, idemTtl, ttl = tonumber(ARGV[17]), ARGV[18], tonumber(ARGV[19]), tonumber(ARGV[20])

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
-- The day's keys get their expiry once, when they are made.
if rcall('HINCRBY', issuedKey, 'issued', 1) == 1 then rcall('EXPIRE', issuedKey, ttl) end
local n = rcall('INCR', pfx .. 'seq:' .. day .. ':' .. letter)
if n == 1 then rcall('EXPIRE', pfx .. 'seq:' .. day .. ':' .. letter, ttl) end
local number = letter .. '-' .. string.format('%03d', n)

local t = {
  id = id, number = number, serviceId = service, agencyId = agency, state = 'waiting',
  priority = ARGV[11], priorityReason = ARGV[12], channel = ARGV[13], createdAt = tostring(now),
  rank = ARGV[16], queuedAt = tostring(now), recallCount = '0', statusToken = token, day = day,
  route = ARGV[14], routeAgencies = ARGV[15], routeIndex = '0', counterId = '', waitRecorded = '0',
}
local args = {}
for k, v in pairs(t) do args[#args + 1] = k; args[#args + 1] = v end
rcall('HSET', tk, unpack(args))
rcall('EXPIRE', tk, ttl)
rcall('ZADD', qkey(service), ARGV[16], id)
rcall('SET', pfx .. 'tok:' .. token, id, 'EX', ttl)
if rcall('ZADD', pfx .. 'day:' .. day, now, id) == 1 and n == 1 then rcall('EXPIRE', pfx .. 'day:' .. day, ttl) end
if bodyHash ~= '' then
  rcall('SET', idemKey, cjson.encode({ h = bodyHash, id = id }), 'EX', idemTtl)
end
local ev = { t = t, w = waiting_of(service) }
emit('ticket.issued', ev)
return cjson.encode({ t = t, seq = ev.seq, pos = rcall('ZRANK', qkey(service), id) })
