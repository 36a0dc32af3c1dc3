-- call_best(c, counterKey): the choice of the next ticket, the one place of this rule. Walks
-- counter c's tiers in order and takes the lowest rank inside the first tier that has a
-- waiting ticket; calls it at c and returns do_call's reply, or nil when nothing waits.
--- @include "ticket-core"
--- @include "do-call"
-- Uses: rcall, A
local function call_best(c, counterKey)
  -- One tier of one service (most counters): its head, taken out in one command, no JSON.
  local only = string.match(c.services, '^%[%["([^"]*)"%]%]$')
  local tiers = only and { { only } } or cjson.decode(c.services)
  for _, tier in ipairs(tiers) do
    local bestId
    if #tier == 1 then
      -- One service in the tier: its head, taken out in one command.
      bestId = rcall('ZPOPMIN', A.qPrefix .. tier[1])[1]
    else
      local bestScore, bestService = nil, nil
      for _, service in ipairs(tier) do
        local head = rcall('ZRANGE', A.qPrefix .. service, '0', '0', 'WITHSCORES')
        if head[1] then
          local score = tonumber(head[2])
          if bestScore == nil or score < bestScore then
            bestId, bestScore, bestService = head[1], score, service
          end
        end
      end
      if bestId then rcall('ZREM', A.qPrefix .. bestService, bestId) end
    end
    if bestId then
      local tk = A.tPrefix .. bestId
      return do_call(tk, ticket_core(tk), c.id, counterKey)
    end
  end
  return nil
end
