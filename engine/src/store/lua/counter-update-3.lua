-- Opens, pauses or closes a counter and/or changes its service tiers; the next call uses them.
-- KEYS[1] counter hash  KEYS[2] events  KEYS[3] event seq
-- ARGV[6] status ('' = unchanged)  ARGV[7] services json ('' = unchanged)
-- Returns json {counter, current, seq}; errors NOT_FOUND.
local ck = KEYS[1]
local c = hash_table(ck)
if not c then return redis.error_reply('NOT_FOUND') end
local fields = {}
if ARGV[6] ~= '' then fields.status = ARGV[6] end
if ARGV[7] ~= '' then fields.services = ARGV[7] end
set_fields(ck, c, fields)
local current = nil
if c.current and c.current ~= '' then current = hash_table(tkey(c.current)) end
return emit('counter.updated', { counter = c, current = current })
