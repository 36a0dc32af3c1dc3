-- Calls the best waiting ticket for a counter: walks its tiers in order and takes the
-- lowest rank inside the first tier that has a waiting ticket. The one place of this rule.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq
-- Returns json {t, seq}, or nil when nothing waits; errors NOT_FOUND, COUNTER_NOT_OPEN, COUNTER_BUSY.
local ck = KEYS[1]
local c = hash_table(ck)
if not c then return redis.error_reply('NOT_FOUND') end
if c.status ~= 'open' then return redis.error_reply('COUNTER_NOT_OPEN') end
if c.current and c.current ~= '' then return redis.error_reply('COUNTER_BUSY') end

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
