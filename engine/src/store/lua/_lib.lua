-- Shared prelude, prepended to every script by store/scripts.ts.
-- Every script takes the same first ARGVs:
--   ARGV[1] now (ms since epoch)   ARGV[2] key prefix `loket:{site}:`
--   ARGV[3] business day (YYYY-MM-DD)   ARGV[4] max length of the event stream
--   ARGV[5] agencies the caller may act for, comma-separated ('' = any)
-- and KEYS[2] the site's event stream, KEYS[3] its event seq counter.
local rcall = redis.call
local now = tonumber(ARGV[1])
local pfx = ARGV[2]
local day = ARGV[3]
local maxlen = tonumber(ARGV[4])
local allowed = ARGV[5]
local STATS_TTL = 8 * 24 * 3600
local eventsKey = KEYS[2]
local seqKey = KEYS[3]

local function hash_table(key)
  local flat = rcall('HGETALL', key)
  if #flat == 0 then return nil end
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

local function load_ticket(key)
  local t = hash_table(key)
  if not t then return redis.error_reply('NOT_FOUND') end
  return t
end

-- Staff act only on their own agencies' tickets (checked here: no extra round trip).
local function agency_ok(t)
  return allowed == '' or string.find(',' .. allowed .. ',', ',' .. t.agencyId .. ',', 1, true) ~= nil
end

local function qkey(service) return pfx .. 'q:' .. service end
local function ckey(counter) return pfx .. 'counter:' .. counter end
local function tkey(id) return pfx .. 't:' .. id end
local function skey(service) return pfx .. 'st:' .. day .. ':' .. service end

-- Appends one event to the site's stream with the next gap-free seq (the stream id is `<seq>-0`).
-- Returns the event's JSON: scripts hand it back as their reply ({t, seq, ...}).
local function emit(etype, body)
  local seq = rcall('INCR', seqKey)
  body.seq = seq
  body.type = etype
  body.at = now
  local json = cjson.encode(body)
  rcall('XADD', eventsKey, 'MAXLEN', '~', maxlen, seq .. '-0', 'e', json)
  return json
end

local function waiting_of(...)
  local w = {}
  for _, s in ipairs({...}) do
    if s and s ~= '' then w[s] = rcall('ZCARD', qkey(s)) end
  end
  return w
end

local function set_fields(key, t, fields)
  local args = {}
  for k, v in pairs(fields) do
    t[k] = v
    args[#args + 1] = k
    args[#args + 1] = v
  end
  rcall('HSET', key, unpack(args))
end

-- No-show deadlines of called tickets (zset by due time), swept by the timers job.
local function set_deadline(id)
  local ms = tonumber(rcall('HGET', pfx .. 'cfg', 'noShowMs') or '0')
  if ms > 0 then rcall('ZADD', pfx .. 'noshow', now + ms, id) end
end
local function clear_deadline(id) rcall('ZREM', pfx .. 'noshow', id) end

-- Releases the counter that holds ticket t, if it still does (and its no-show deadline).
local function release_counter(t)
  clear_deadline(t.id)
  local c = t.counterId
  if c and c ~= '' then
    local ck = ckey(c)
    if rcall('HGET', ck, 'current') == t.id then rcall('HSET', ck, 'current', '') end
  end
end

-- Hands waiting ticket t (already removed from its queue) to counter `counter`.
local function do_call(tk, t, counter)
  local fields = { state = 'called', counterId = counter, calledAt = tostring(now), recallCount = '0' }
  if t.waitRecorded ~= '1' then
    local wait = now - tonumber(t.queuedAt)
    -- The day's stats keys expire with the tickets (set once, when made).
    if rcall('RPUSH', skey(t.serviceId) .. ':wait', wait) == 1 then rcall('EXPIRE', skey(t.serviceId) .. ':wait', STATS_TTL) end
    if rcall('HINCRBY', skey(t.serviceId), 'called', 1) == 1 then rcall('EXPIRE', skey(t.serviceId), STATS_TTL) end
    fields.waitRecorded = '1'
  end
  set_fields(tk, t, fields)
  rcall('HSET', ckey(counter), 'current', t.id)
  set_deadline(t.id)
  return emit('ticket.called', { t = t, c = counter, w = waiting_of(t.serviceId) })
end


-- Service done at its counter: serving -> done, or, when the ticket has a route with a next
-- step, serving -> waiting at the next service, keeping its number and original rank.
local function do_finish(tk, t)
  local from, counter = t.serviceId, t.counterId
  rcall('HINCRBY', skey(from), 'served', 1)
  if rcall('RPUSH', skey(from) .. ':svc', now - tonumber(t.startedAt)) == 1 then rcall('EXPIRE', skey(from) .. ':svc', STATS_TTL) end
  release_counter(t)
  local route = (t.route ~= '' and t.route) and cjson.decode(t.route) or {}
  local ri = tonumber(t.routeIndex or '0')
  if ri + 1 < #route then
    local agencies = cjson.decode(t.routeAgencies)
    local nextService = route[ri + 2]
    set_fields(tk, t, {
      state = 'waiting', serviceId = nextService, agencyId = agencies[ri + 2], routeIndex = tostring(ri + 1),
      counterId = '', queuedAt = tostring(now), waitRecorded = '0', recallCount = '0', finishedAt = tostring(now),
    })
    rcall('ZADD', qkey(nextService), t.rank, t.id)
    return emit('ticket.transferred', { t = t, c = counter, from = from, w = waiting_of(nextService) })
  end
  set_fields(tk, t, { state = 'done', finishedAt = tostring(now) })
  return emit('ticket.finished', { t = t, c = counter, w = {} })
end

-- The choice of the next ticket, the one place of this rule: walks the counter's tiers in
-- order and takes the lowest rank inside the first tier that has a waiting ticket.
-- Calls it at counter c and returns the event JSON, or nil when nothing waits.
local function call_best(c)
  local tiers = cjson.decode(c.services)
  for _, tier in ipairs(tiers) do
    local bestId, bestScore, bestService = nil, nil, nil
    for _, service in ipairs(tier) do
      local head = rcall('ZRANGE', qkey(service), 0, 0, 'WITHSCORES')
      if head[1] then
        local score = tonumber(head[2])
        if bestScore == nil or score < bestScore then
          bestId, bestScore, bestService = head[1], score, service
        end
      end
    end
    if bestId then
      rcall('ZREM', qkey(bestService), bestId)
      local tk = tkey(bestId)
      return do_call(tk, hash_table(tk), c.id)
    end
  end
  return nil
end
