-- ticket_reply(tk, s): a hot script's answer for the ticket it changed: one string, its
-- event's seq s, then the ticket hash after the change, fields and values, all joined by NUL
-- (read by `flatTicket` in store/script-calls.ts). One bulk string is far cheaper for Redis
-- than a table or JSON.
-- Uses: rcall
local function ticket_reply(tk, s)
  return s .. '\0' .. table.concat(rcall('HGETALL', tk), '\0')
end
