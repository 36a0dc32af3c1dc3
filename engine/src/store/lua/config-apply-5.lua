-- Applies a new site definition live with its audit entries, unless it would strand tickets;
-- creates new counters; moves the waiting tickets of a removed or unserved service to another
-- service of its agency when the admin chose one. All or nothing: a refused change writes
-- neither the definition nor an audit entry.
-- KEYS[1] site definition  KEYS[2] site settings hash  KEYS[3] events  KEYS[4] event seq
-- KEYS[5] audit stream
-- ARGV[1] msgpack map {now, def, base, noShowMs, qPrefix, cPrefix, tPrefix, removedServices, unservedServices, removedCounters, counters, moveTo, moveAgency, moveFrom, entries, audit}
--   def: the definition as JSON; base: the version it was edited from ('' = any);
--   removedServices: ids gone from the definition; unservedServices: ids no counter would serve;
--   removedCounters: ids; counters: [{id, name, agencyId, services (JSON), setServices}];
--   moveTo: the service that takes stranded waiting tickets ('' = refuse instead); moveAgency: its agency;
--   moveFrom: the services whose waiting tickets may move there (moveTo's agency);
--   entries: the change's audit entries (JSON); audit: {actor, role, action, targetPrefix, max},
--   the audit entry of each moved ticket (includes/audit.lua)
-- Returns json: {seq, type, at, moved} (the site.updated event; seq is the new version; moved:
--   tickets moved), or {stranded = [...]} when tickets would be stranded (nothing written).
-- Errors: CONFLICT (base is not the stored version: edited meanwhile)
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local defKey, configKey, eventsKey, seqKey, auditKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
--- @include "ticket-table"
--- @include "set-fields"
--- @include "emit"
--- @include "waiting-of"
--- @include "audit"
local version = rcall('HGET', configKey, 'version') or '0'
if A.base ~= '' and A.base ~= version then return redis.error_reply('CONFLICT') end
local movable = {}
for _, s in ipairs(A.moveFrom) do movable[s] = true end
local stranded, moves = {}, {}
local function check(list, reason)
  for _, s in ipairs(list) do
    local n = rcall('ZCARD', A.qPrefix .. s)
    if n > 0 then
      if A.moveTo ~= '' and movable[s] then moves[#moves + 1] = s
      else stranded[#stranded + 1] = { service = s, waiting = n, reason = reason } end
    end
  end
end
check(A.removedServices, 'removed')
check(A.unservedServices, 'unserved')
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
for _, e in ipairs(A.entries) do audit_json(e) end
-- Each moved ticket keeps its number and arrival rank, and tells screens and phones by its event.
local moved = 0
local toQueue = A.qPrefix .. A.moveTo
for _, s in ipairs(moves) do
  local fromQueue = A.qPrefix .. s
  local flat = rcall('ZRANGE', fromQueue, 0, -1, 'WITHSCORES')
  for i = 1, #flat, 2 do
    local id, rank = flat[i], flat[i + 1]
    local tk = A.tPrefix .. id
    local t = ticket_table(tk)
    rcall('ZREM', fromQueue, id)
    if t then
      set_fields(tk, t, { serviceId = A.moveTo, agencyId = A.moveAgency })
      rcall('ZADD', toQueue, rank, id)
      emit('ticket.transferred', { t = t, from = s, w = waiting_of(s, A.moveTo) })
      audit(t.number or id, { serviceId = s }, { serviceId = A.moveTo })
      moved = moved + 1
    end
  end
end
local reply = cjson.decode(json)
reply.moved = moved
return cjson.encode(reply)
