-- emit(etype, body): appends one event to the site's stream with the next gap-free seq (the
-- stream id is `<seq>-0`) and returns the event's JSON: scripts hand it back as their reply.
-- Uses: rcall, A, eventsKey, seqKey
local function emit(etype, body)
  local seq = rcall('INCR', seqKey)
  body.seq = seq
  body.type = etype
  body.at = A.now
  local json = cjson.encode(body)
  rcall('XADD', eventsKey, 'MAXLEN', '~', A.maxlen, seq .. '-0', 'e', json)
  return json
end
