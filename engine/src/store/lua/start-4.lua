-- The citizen arrived at the counter: called -> serving.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {nowStr, maxlen, agencies, id}
-- Returns {seq, the ticket hash as a NUL-joined string} (includes/ticket-reply.lua).
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "agency-ok"
--- @include "clear-deadline"
--- @include "emit-json"
--- @include "ticket-reply"
local v = rcall('HMGET', tk, 'state', 'agencyId', 'number', 'serviceId', 'counterId')
if not v[1] then return redis.error_reply('NOT_FOUND') end
local t = { id = A.id, state = v[1], agencyId = v[2], number = v[3], serviceId = v[4], counterId = v[5] }
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
rcall('HSET', tk, 'state', 'serving', 'startedAt', A.nowStr)
clear_deadline(t.id)
local seq = emit_json('"type": "ticket.started", "at": ' .. A.nowStr .. ', "c": "' .. (t.counterId or '') .. '", "t": {"id": "' .. t.id
  .. '", "number": "' .. t.number .. '", "serviceId": "' .. t.serviceId .. '", "agencyId": "' .. t.agencyId
  .. '", "state": "serving", "startedAt": "' .. A.nowStr .. '"}}')
return ticket_reply(tk, seq)
