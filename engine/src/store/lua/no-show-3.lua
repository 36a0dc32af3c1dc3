-- The citizen did not come: called -> no_show. From the timers sweep ('due'), only if the
-- ticket's no-show deadline has passed (a recall or start meanwhile moves or clears it).
-- KEYS[1] ticket hash  KEYS[2] events  KEYS[3] event seq
-- ARGV[6] '1' = only when due, '' = now
-- Returns json {t, seq}; errors NOT_FOUND, INVALID_TRANSITION.
local tk = KEYS[1]
local t = hash_table(tk)
if not t then return redis.error_reply('NOT_FOUND') end
if not agency_ok(t) then return redis.error_reply('FORBIDDEN') end
if t.state ~= 'called' then return redis.error_reply('INVALID_TRANSITION') end
if ARGV[6] == '1' then
  local due = rcall('ZSCORE', pfx .. 'noshow', t.id)
  if not due or tonumber(due) > now then return redis.error_reply('INVALID_TRANSITION') end
end
local counter = t.counterId
release_counter(t)
rcall('HINCRBY', skey(t.serviceId), 'noShow', 1)
set_fields(tk, t, { state = 'no_show', finishedAt = tostring(now) })
return emit('ticket.no_show', { t = t, c = counter, w = {} })
