-- emit(etype, body): appends one event to the site's stream with the next gap-free seq (the
-- stream id is `<seq>-0`); returns the event's JSON (older scripts hand it back as their
-- reply) and its seq. An event's `t` holds what the transition wrote to the ticket hash, with
-- the ticket's id, number, service, agency and state; `ticket.issued` holds the whole hash.
-- Uses: rcall, A, eventsKey, seqKey
local function emit(etype, body)
  local seq = rcall('INCR', seqKey)
  body.seq = seq
  body.type = etype
  body.at = A.now
  local json = cjson.encode(body)
  rcall('XADD', eventsKey, 'MAXLEN', '~', '@MAX_EVENTS@', seq .. '-0', 'e', json)
  return json, seq
end
