-- Checks a booking in and issues its ticket in the same step: inside the window a ticket of
-- class appointment ranked at A.apptRank; after it a regular ticket ranked now (booking late).
-- A booking already checked in answers with its ticket again (a double tap at the kiosk).
-- KEYS[1] booking hash  KEYS[2] bookings due  KEYS[3] the service's stats of the booked day
-- KEYS[4] ticket hash (new id)  KEYS[5] events  KEYS[6] event seq  KEYS[7] the service's stats of today
-- KEYS[8] number sequence of today and prefix  KEYS[9] today's tickets  KEYS[10] the service's queue
-- ARGV[1] msgpack map {now, nowStr, id, service, letter, apptRank, quota,
--   qPrefix, tPrefix, agency, token, day, priorityReason, route, routeJ, routeAgencies, routeAgenciesJ,
--   bookedDate, bookedSlot}
--   apptRank: string; quota: 0 = none (only a late check-in needs a free place: an on-time
--   one holds its own); agency ... routeAgenciesJ: the new ticket's (includes/new-ticket.lua);
--   bookedDate, bookedSlot: the booking as read, KEYS[3] and apptRank are of it (moved meanwhile: CONFLICT)
-- Returns json {b, number, priority, rank, channel, seq, pos}, or {b, t, seq = 0, pos, replay = 1}
--   with the ticket of an earlier check-in.
-- Errors: NOT_FOUND, CONFLICT, INVALID_TRANSITION, CHECK_IN_TOO_EARLY, QUOTA_EXHAUSTED
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local bk, dueKey, bookedStatsKey = KEYS[1], KEYS[2], KEYS[3]
local tk, eventsKey, seqKey, statsKey = KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local numberKey, dayKey, queueKey = KEYS[8], KEYS[9], KEYS[10]
--- @include "hash-table"
--- @include "new-ticket"
local b = hash_table(bk)
if not b then return redis.error_reply('NOT_FOUND') end
if b.date ~= A.bookedDate or b.slotStart ~= A.bookedSlot then return redis.error_reply('CONFLICT') end
if b.state == 'checked_in' or b.state == 'late' then
  local old = hash_table(A.tPrefix .. b.ticketId)
  if not old then return redis.error_reply('NOT_FOUND') end
  local pos = rcall('ZRANK', A.qPrefix .. old.serviceId, old.id)
  return cjson.encode({ b = b, t = old, seq = 0, pos = pos or -1, replay = 1 })
end
if b.state ~= 'booked' and b.state ~= 'no_show' then return redis.error_reply('INVALID_TRANSITION') end
local now = A.now
if now < tonumber(b.checkInFrom) then return redis.error_reply('CHECK_IN_TOO_EARLY') end
local onTime = b.state == 'booked' and now < tonumber(b.checkInUntil)
local holds = b.state == 'booked'
if not onTime and A.quota > 0 then
  local used = rcall('HMGET', statsKey, 'issued', 'reserved')
  local mine = (holds and bookedStatsKey == statsKey) and 1 or 0
  if tonumber(used[1] or '0') + tonumber(used[2] or '0') - mine >= A.quota then
    return redis.error_reply('QUOTA_EXHAUSTED')
  end
end

if holds then
  rcall('HINCRBY', bookedStatsKey, 'reserved', -1)
  rcall('ZREM', dueKey, b.code)
end
local priority, rank = 'regular', A.nowStr
if onTime then priority, rank = 'appointment', A.apptRank end
local number, seq = new_ticket(priority, rank, 'online')
b.state = onTime and 'checked_in' or 'late'
b.ticketId = A.id
b.checkedInAt = A.nowStr
rcall('HSET', bk, 'state', b.state, 'ticketId', b.ticketId, 'checkedInAt', b.checkedInAt)
return cjson.encode({ b = b, number = number, priority = priority, rank = rank, channel = 'online', seq = seq, pos = rcall('ZRANK', queueKey, A.id) })
