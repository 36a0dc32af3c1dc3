-- Opens, pauses or closes a counter and/or changes its service tiers; the next call uses them.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq  KEYS[4] audit stream
-- ARGV[1] msgpack map {now, tPrefix, status, services, audit}
--   audit: the manager's audit entry of a change of tiers (includes/audit.lua), '' when the caller is not audited
--   status: open | paused | closed, '' = unchanged; services: tiers as JSON, '' = unchanged
-- Returns json {counter, current, seq}.
-- Errors: NOT_FOUND, COUNTER_BUSY (pause while it holds a called ticket; close while it holds any)
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local counterKey, eventsKey, seqKey, auditKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "hash-table"
--- @include "set-fields"
--- @include "emit"
--- @include "audit"
local c = hash_table(counterKey)
if not c then return redis.error_reply('NOT_FOUND') end
local current = nil
if c.current and c.current ~= '' then current = hash_table(A.tPrefix .. c.current) end
-- A citizen sent to this counter must find it open: no pause over a call, no close over a held ticket.
if current and ((A.status == 'paused' and current.state == 'called') or A.status == 'closed') then
  return redis.error_reply('COUNTER_BUSY')
end
local fields = {}
local servicesBefore = c.services
if A.status ~= '' then fields.status = A.status end
if A.services ~= '' then fields.services = A.services end
set_fields(counterKey, c, fields)
if A.services ~= '' and servicesBefore ~= A.services then
  audit(c.id, servicesBefore and cjson.decode(servicesBefore) or cjson.null, cjson.decode(A.services))
end
return emit('counter.updated', { counter = c, current = current })
