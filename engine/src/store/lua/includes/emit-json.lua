-- emit_json(rest): appends an event whose JSON the script writes itself (no table, no cjson:
-- far cheaper for Redis), with the next gap-free seq; `rest` is the JSON after the seq member
-- (`"type":...}`), made only of values that need no escaping (ids, numbers and names the site
-- schema restricts, or JSON the caller encoded). A member's colon is followed by a space
-- (`"at": `): a literal ending in `:` would read as a key name. Returns the seq.
-- Uses: rcall, A, eventsKey, seqKey
local function emit_json(rest)
  local seq = tostring(rcall('INCR', seqKey))
  rcall('XADD', eventsKey, 'MAXLEN', '~', A.maxlen, seq .. '-0', 'e', '{"seq": ' .. seq .. ',' .. rest)
  return tonumber(seq)
end
