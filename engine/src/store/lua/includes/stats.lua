-- The day's statistics of a service (A.statsPrefix is the day's): counts in a hash and samples
-- (ms) in lists after it. Each key gets its expiry (A.ttl) once, when it is made.
-- stats_count(service, field)   stats_sample(service, suffix, ms)
-- Uses: rcall, A
local function stats_count(service, field)
  local key = A.statsPrefix .. service
  if rcall('HINCRBY', key, field, '1') == 1 then rcall('EXPIRE', key, A.ttl) end
end
local function stats_sample(service, suffix, ms)
  local key = A.statsPrefix .. service .. suffix
  if rcall('RPUSH', key, string.format('%d', ms)) == 1 then rcall('EXPIRE', key, A.ttl) end
end
