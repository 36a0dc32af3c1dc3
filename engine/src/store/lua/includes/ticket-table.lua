-- ticket_table(key): ticket hash `key` as a Lua table with its facts as fields (priority,
-- priorityReason, channel, createdAt: the one `facts` field of the hash, see
-- includes/new-ticket.lua), or nil when the ticket does not exist. For the scripts that
-- read a whole ticket; its events then carry the fields as clients know them.
--- @include "hash-table"
-- Uses: rcall
local function ticket_table(key)
  local t = hash_table(key)
  if t and t.facts then
    local reason
    t.priority, reason, t.channel, t.createdAt = string.match(t.facts, '^(%Z*)%z(%Z*)%z(%Z*)%z(%Z*)$')
    if reason ~= '' then t.priorityReason = reason end
    t.facts = nil
  end
  return t
end
