-- "Selesai & panggil berikutnya": finishes the counter's serving ticket and calls the next
-- one, in one atomic step (two events). With no ticket held it only calls.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {now, noShowMs, nowStr, by, byJ, agencies, qPrefix, tPrefix, cPrefix}
-- Returns [finished reply or false, called reply or false]: seq and the ticket hash
-- NUL-joined (includes/ticket-reply.lua), seq and values NUL-joined (includes/do-call.lua).
-- Errors: NOT_FOUND, FORBIDDEN, COUNTER_NOT_OPEN, INVALID_TRANSITION (the held ticket is not being served)
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local counterKey, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "counter-core"
--- @include "agency-ok"
--- @include "do-finish"
--- @include "call-best"
--- @include "ticket-reply"
local c = counter_core(counterKey)
if not c then return redis.error_reply('NOT_FOUND') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
local finished = false
if c.current and c.current ~= '' then
  local tk = A.tPrefix .. c.current
  local v = rcall('HMGET', tk, 'state', 'agencyId', 'number', 'serviceId', 'counterId', 'startedAt', 'route')
  if not v[1] then return redis.error_reply('NOT_FOUND') end
  local t = { id = c.current, state = v[1], agencyId = v[2], number = v[3], serviceId = v[4], counterId = v[5], startedAt = v[6], route = v[7] }
  if not agency_ok(t.agencyId) then return redis.error_reply('FORBIDDEN') end
  if t.state ~= 'serving' then return redis.error_reply('INVALID_TRANSITION') end
  local _, s = do_finish(tk, t)
  finished = ticket_reply(tk, s)
end
return { finished, call_best(c, counterKey) or false }
