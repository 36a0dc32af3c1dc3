-- The citizen arrived at the counter: called -> serving. The caller reads the ticket hash in
-- the same MULTI (store/script-calls.ts `inMulti`): cheaper for Redis than a reply from Lua.
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] no-show deadlines
-- ARGV[1] msgpack map {nowStr, maxlen, agencies, id}
-- Returns the seq of its event.
-- Errors: NOT_FOUND, FORBIDDEN, INVALID_TRANSITION
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local tk, eventsKey, seqKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "agency-ok"
--- @include "clear-deadline"
--- @include "emit-json"
local v = rcall('HMGET', tk, 'state', 'agencyId', 'number', 'serviceId', 'counterId')
if not v[1] then return redis.error_reply('NOT_FOUND') end
local t = { id = A.id, state = v[1], agencyId = v[2], number = v[3], serviceId = v[4], counterId = v[5] }
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
rcall('HSET', tk, 'state', 'serving', 'startedAt', A.nowStr)
clear_deadline(t.id)
return emit_json('"type": "ticket.started", "at": ' .. A.nowStr .. ', "c": "' .. (t.counterId or '') .. '", "t": {"id": "' .. t.id
  .. '", "number": "' .. t.number .. '", "serviceId": "' .. t.serviceId .. '", "agencyId": "' .. t.agencyId
  .. '", "state": "serving", "startedAt": "' .. A.nowStr .. '"}}')
