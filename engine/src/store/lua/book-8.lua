-- Books a place in a slot: capacity, one active booking per person, the service's daily quota.
-- KEYS[1] booking hash (new code)  KEYS[2] places taken per slot  KEYS[3] cancels cooling down
-- KEYS[4] identities of the day and service  KEYS[5] the day's bookings  KEYS[6] bookings due
-- KEYS[7] idempotency key  KEYS[8] the service's stats of the booked day
-- ARGV[1] msgpack map {now, code, service, agency, date, slotStart, slotEnd, slotStartMs,
--   checkInFrom, checkInUntil, capacity, quota, who, idTtl, keepTtl, bodyHash, bPrefix}
--   who: keyed hashes of the person's NIK and/or phone, comma-separated (never the values);
--   idTtl, keepTtl: ms from now (identities go at the day's end, the rest after retention);
--   quota: 0 = none; bodyHash: '' = no idempotency key
-- Returns json {b, replay}.
-- Errors: IDEMPOTENCY_KEY_REUSED, NOT_FOUND, BOOKING_LIMIT, SLOT_FULL, QUOTA_EXHAUSTED
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local bk, slotsKey, coolKey, idsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local dayKey, dueKey, idemKey, statsKey = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
--- @include "hash-table"
--- @include "take-slot"

if A.bodyHash ~= '' then
  local prev = rcall('GET', idemKey)
  if prev then
    local p = cjson.decode(prev)
    if p.h ~= A.bodyHash then return redis.error_reply('IDEMPOTENCY_KEY_REUSED') end
    local old = hash_table(A.bPrefix .. p.code)
    if not old then return redis.error_reply('NOT_FOUND') end
    return cjson.encode({ b = old, replay = 1 })
  end
end

local who = {}
for h in string.gmatch(A.who, '[^,]+') do
  if rcall('HEXISTS', idsKey, h) == 1 then return redis.error_reply('BOOKING_LIMIT') end
  who[#who + 1] = h
end
local full = take_slot(true)
if full then return full end
rcall('HINCRBY', statsKey, 'reserved', 1)
rcall('PEXPIRE', statsKey, A.keepTtl)
local b = {
  code = A.code, serviceId = A.service, agencyId = A.agency, date = A.date,
  slotStart = A.slotStart, slotEnd = A.slotEnd, slotStartMs = tostring(A.slotStartMs),
  checkInFrom = tostring(A.checkInFrom), checkInUntil = tostring(A.checkInUntil),
  state = 'booked', ticketId = '', createdAt = tostring(A.now),
}
local args = {}
for k, v in pairs(b) do args[#args + 1] = k; args[#args + 1] = v end
rcall('HSET', bk, unpack(args))
rcall('PEXPIRE', bk, A.keepTtl)
for _, h in ipairs(who) do rcall('HSET', idsKey, h, A.code) end
rcall('HSET', idsKey, A.code, A.who)
rcall('PEXPIRE', idsKey, A.idTtl)
rcall('ZADD', dayKey, A.slotStartMs, A.code)
rcall('PEXPIRE', dayKey, A.keepTtl)
rcall('ZADD', dueKey, A.checkInUntil, A.code)
if A.bodyHash ~= '' then
  rcall('SET', idemKey, cjson.encode({ h = A.bodyHash, code = A.code }), 'EX', '@IDEMPOTENCY_TTL_SECONDS@')
end
return cjson.encode({ b = b })
