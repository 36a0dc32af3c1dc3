-- ticket_reply(tk, seq): a hot script's answer for the ticket it changed: {seq, the ticket hash
-- after the change as one string, fields and values joined by NUL} (read by `flatTicket` in
-- store/script-calls.ts). One bulk string is far cheaper for Redis than a table or JSON.
-- Uses: rcall
local function ticket_reply(tk, seq)
  return { seq, table.concat(rcall('HGETALL', tk), '\0') }
end
