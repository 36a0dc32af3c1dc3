-- next_seq(): the next gap-free seq of the site's events, as a number and as a string
-- (`string.format('%d')`: far cheaper than Lua's own number to string, printf's '%.14g').
-- emit_json(seq, json): appends an event whose JSON the script writes itself (no table, no
-- cjson: far cheaper for Redis) under the stream id `<seq>-0`. `json` is `{"seq": <seq>,...}`
-- built in one concatenation (Redis's Lua hashes every string it makes, byte by byte), made
-- only of values that need no escaping (ids, numbers and names the site schema restricts, or
-- JSON the caller encoded). A member's colon is followed by a space (`"at": `): a literal
-- ending in `:` would read as a key name.
-- Uses: rcall, A, eventsKey, seqKey
local function next_seq()
  local n = rcall('INCR', seqKey)
  return n, string.format('%d', n)
end
local function emit_json(seq, json)
  rcall('XADD', eventsKey, 'MAXLEN', '~', '@MAX_EVENTS@', seq .. '-0', 'e', json)
end
