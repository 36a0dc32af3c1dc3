-- clear_deadline(id): drops the no-show deadline of ticket id (started, released or gone).
-- Uses: rcall, deadlinesKey
local function clear_deadline(id) rcall('ZREM', deadlinesKey, id) end
