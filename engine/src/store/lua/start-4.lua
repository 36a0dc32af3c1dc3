-- The citizen arrived at the counter: called -> serving.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {nowStr, agencies}
-- Returns seq and values NUL-joined, one string (values_reply in includes/ticket-view.lua).
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "agency-ok"
--- @include "clear-deadline"
--- @include "emit-json"
--- @include "ticket-view"
local v = ticket_view(tk)
if not v then return redis.error_reply('NOT_FOUND') end
if not agency_ok(v[5]) then return redis.error_reply('FORBIDDEN') end
if v[2] ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
local id = v[1]
rcall('HSET', tk, 'state', 'serving', 'startedAt', A.nowStr)
clear_deadline(id)
local seq, s = next_seq()
emit_json(s, '{"seq": ' .. s .. ',"type": "ticket.started", "at": ' .. A.nowStr .. ', "c": "' .. (v[6] or '') .. '", "t": {"id": "' .. id
  .. '", "number": "' .. v[3] .. '", "serviceId": "' .. v[4] .. '", "agencyId": "' .. v[5]
  .. '", "state": "serving", "startedAt": "' .. A.nowStr .. '"}}')
v[2], v[7] = 'serving', A.nowStr
return values_reply(s, v, 14)
