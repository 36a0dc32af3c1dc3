-- Moves a booking to another slot of its service (same code): the new slot's capacity, the
-- one-booking rule on the new day and its quota are checked and taken, and the old place
-- returns to its slot after the cool-down, all in one step. Only a `booked` booking whose
-- check-in window has not ended moves; the same slot again changes nothing.
-- KEYS[1] booking hash  KEYS[2] places taken per slot (new day)  KEYS[3] cancels cooling down (new day)
-- KEYS[4] cancels cooling down (old day)  KEYS[5] identities (old day)  KEYS[6] identities (new day)
-- KEYS[7] bookings of the old day  KEYS[8] bookings of the new day  KEYS[9] bookings due
-- KEYS[10] the service's stats of the old day  KEYS[11] the service's stats of the new day
-- ARGV[1] msgpack map {now, fromDate, fromSlot, date, slotStart, slotEnd, slotStartMs,
--   checkInFrom, checkInUntil, capacity, quota, releaseAt, idTtl, keepTtl}
--   fromDate, fromSlot: where the caller read the booking (moved meanwhile: CONFLICT);
--   releaseAt: ms, when the old place returns; idTtl, keepTtl: ms from now for the new day;
--   quota: 0 = none (checked only when the day changes)
-- Returns json {b, changed}.
-- Errors: NOT_FOUND, BOOKING_NOT_CHANGEABLE, CONFLICT, BOOKING_LIMIT, SLOT_FULL, QUOTA_EXHAUSTED
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local bk, slotsKey, coolKey, oldCoolKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local oldIdsKey, idsKey, oldDayKey, dayKey = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local dueKey, oldStatsKey, statsKey = KEYS[9], KEYS[10], KEYS[11]
--- @include "hash-table"
--- @include "take-slot"

local b = hash_table(bk)
if not b then return redis.error_reply('NOT_FOUND') end
if b.state ~= 'booked' or A.now >= tonumber(b.checkInUntil) then
  return redis.error_reply('BOOKING_NOT_CHANGEABLE')
end
if b.date == A.date and b.slotStart == A.slotStart then return cjson.encode({ b = b, changed = 0 }) end
if b.date ~= A.fromDate or b.slotStart ~= A.fromSlot then return redis.error_reply('CONFLICT') end
local otherDay = b.date ~= A.date

local who = rcall('HGET', oldIdsKey, b.code) or ''
if otherDay then
  for h in string.gmatch(who, '[^,]+') do
    if rcall('HEXISTS', idsKey, h) == 1 then return redis.error_reply('BOOKING_LIMIT') end
  end
end
local full = take_slot(otherDay)
if full then return full end
-- The move count keeps each cooling member unique: a booking may leave the same slot twice.
local moves = rcall('HINCRBY', bk, 'moves', 1)
rcall('ZADD', oldCoolKey, A.releaseAt, b.slotStart .. '/' .. b.code .. '/' .. moves)
rcall('PEXPIRE', oldCoolKey, math.max(rcall('PTTL', bk), rcall('PTTL', oldCoolKey)))
if otherDay then
  for h in string.gmatch(who, '[^,]+') do
    rcall('HDEL', oldIdsKey, h)
    rcall('HSET', idsKey, h, b.code)
  end
  rcall('HDEL', oldIdsKey, b.code)
  if who ~= '' then rcall('HSET', idsKey, b.code, who) end
  rcall('PEXPIRE', idsKey, A.idTtl)
  rcall('ZREM', oldDayKey, b.code)
  rcall('HINCRBY', oldStatsKey, 'reserved', -1)
  rcall('HINCRBY', statsKey, 'reserved', 1)
  rcall('PEXPIRE', statsKey, A.keepTtl)
end
rcall('ZADD', dayKey, A.slotStartMs, b.code)
rcall('PEXPIRE', dayKey, A.keepTtl)
rcall('ZADD', dueKey, A.checkInUntil, b.code)

b.date, b.slotStart, b.slotEnd = A.date, A.slotStart, A.slotEnd
b.slotStartMs, b.checkInFrom, b.checkInUntil = tostring(A.slotStartMs), tostring(A.checkInFrom), tostring(A.checkInUntil)
b.moves, b.rescheduledAt = tostring(moves), tostring(A.now)
rcall('HSET', bk, 'date', b.date, 'slotStart', b.slotStart, 'slotEnd', b.slotEnd, 'slotStartMs', b.slotStartMs,
  'checkInFrom', b.checkInFrom, 'checkInUntil', b.checkInUntil, 'rescheduledAt', b.rescheduledAt)
rcall('PEXPIRE', bk, A.keepTtl)
return cjson.encode({ b = b, changed = 1 })
