-- Applies a new site definition live, unless it would strand tickets; creates new counters.
-- KEYS[1] site definition  KEYS[2] site settings hash  KEYS[3] events  KEYS[4] event seq
-- ARGV[1] msgpack map {now, maxlen, def, base, noShowMs, qPrefix, cPrefix, tPrefix, removedServices, removedCounters, counters}
--   def: the definition as JSON; base: the version it was edited from ('' = any);
--   removedServices, removedCounters: ids; counters: [{id, name, agencyId, services (JSON), setServices}]
-- Returns json: the site.updated event {seq, type, at} (seq is the new version), or
--   {stranded = [...]} when tickets would be stranded (nothing written).
-- Errors: CONFLICT (base is not the stored version: edited meanwhile)
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local defKey, configKey, eventsKey, seqKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
--- @include "emit"
local version = rcall('HGET', configKey, 'version') or '0'
if A.base ~= '' and A.base ~= version then return redis.error_reply('CONFLICT') end
local stranded = {}
for _, s in ipairs(A.removedServices) do
  local n = rcall('ZCARD', A.qPrefix .. s)
  if n > 0 then stranded[#stranded + 1] = { service = s, waiting = n } end
end
for _, c in ipairs(A.removedCounters) do
  local cur = rcall('HGET', A.cPrefix .. c, 'current')
  if cur and cur ~= '' then
    stranded[#stranded + 1] = { counter = c, ticket = rcall('HGET', A.tPrefix .. cur, 'number') or cur }
  end
end
if #stranded > 0 then return cjson.encode({ stranded = stranded }) end
rcall('SET', defKey, A.def)
for _, c in ipairs(A.removedCounters) do rcall('DEL', A.cPrefix .. c) end
for _, c in ipairs(A.counters) do
  local k = A.cPrefix .. c.id
  rcall('HSETNX', k, 'id', c.id)
  rcall('HSETNX', k, 'status', 'closed')
  rcall('HSETNX', k, 'services', c.services)
  rcall('HSETNX', k, 'current', '')
  rcall('HSET', k, 'name', c.name, 'agencyId', c.agencyId)
  if c.setServices then rcall('HSET', k, 'services', c.services) end
end
rcall('HSET', configKey, 'noShowMs', A.noShowMs)
local json = emit('site.updated', {})
rcall('HSET', configKey, 'version', rcall('GET', seqKey))
return json
