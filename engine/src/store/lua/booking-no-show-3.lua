-- Marks a booking no_show once its check-in window has ended without a check-in.
-- KEYS[1] booking hash  KEYS[2] bookings due  KEYS[3] the service's stats of its day
-- ARGV[1] msgpack map {now}
-- Returns json {b, changed}: changed 0 when it was not due (checked in, cancelled, window open).
-- Errors: NOT_FOUND
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local bk, dueKey, statsKey = KEYS[1], KEYS[2], KEYS[3]
--- @include "hash-table"
local b = hash_table(bk)
if not b then
  return redis.error_reply('NOT_FOUND')
end
if b.state ~= 'booked' then
  rcall('ZREM', dueKey, b.code)
  return cjson.encode({ b = b, changed = 0 })
end
if A.now < tonumber(b.checkInUntil) then return cjson.encode({ b = b, changed = 0 }) end
b.state = 'no_show'
rcall('HSET', bk, 'state', 'no_show')
rcall('ZREM', dueKey, b.code)
rcall('HINCRBY', statsKey, 'reserved', -1)
rcall('HINCRBY', statsKey, 'bookingNoShow', 1)
return cjson.encode({ b = b, changed = 1 })
