-- Cancels a booking: its place returns to the slot after the cool-down, its quota place and
-- its person's one-booking mark at once.
-- KEYS[1] booking hash  KEYS[2] cancels cooling down (its day and service)
-- KEYS[3] identities of its day and service  KEYS[4] bookings due  KEYS[5] the service's stats of its day
-- ARGV[1] msgpack map {now, releaseAt, date}
--   releaseAt: ms, when the place returns to the market; date: the day the keys are of (the
--   booking moved to another day meanwhile: CONFLICT)
-- Returns json {b}.
-- Errors: NOT_FOUND, CONFLICT, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local bk, coolKey, idsKey, dueKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
--- @include "hash-table"
local b = hash_table(bk)
if not b then return redis.error_reply('NOT_FOUND') end
if b.date ~= A.date then return redis.error_reply('CONFLICT') end
if b.state ~= 'booked' then return redis.error_reply('INVALID_TRANSITION') end
b.state = 'cancelled'
b.cancelledAt = tostring(A.now)
rcall('HSET', bk, 'state', b.state, 'cancelledAt', b.cancelledAt)
rcall('ZADD', coolKey, A.releaseAt, b.slotStart .. '/' .. b.code)
rcall('PEXPIRE', coolKey, rcall('PTTL', bk))
local who = rcall('HGET', idsKey, b.code)
if who then
  for h in string.gmatch(who, '[^,]+') do rcall('HDEL', idsKey, h) end
  rcall('HDEL', idsKey, b.code)
end
rcall('ZREM', dueKey, b.code)
rcall('HINCRBY', statsKey, 'reserved', -1)
return cjson.encode({ b = b })
