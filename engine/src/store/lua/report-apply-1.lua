-- Adds a batch of events' figures to the report records, once: only when the records still
-- stand at the seq the batch was read after (another node may have applied it already).
-- KEYS[1] report seq (last event the records include)
-- ARGV[1] msgpack map {after, to, rpPrefix, ops}
--   after: the seq the batch was read after; to: its last seq;
--   ops: list of {suffix, type, offset, by, type, offset, by, ...} (BITFIELD INCRBY triples)
-- Returns the report seq after the call (to, or the seq another node reached).
-- Errors: none
local rcall = redis.call
local A = cmsgpack.unpack(ARGV[1])
local seqKey = KEYS[1]
local last = tonumber(rcall('GET', seqKey) or '0')
if last ~= A.after then return last end
for _, op in ipairs(A.ops) do
  local key = A.rpPrefix .. op[1]
  local args = { 'OVERFLOW', 'SAT' }
  for i = 2, #op, 3 do
    args[#args + 1] = 'INCRBY'
    args[#args + 1] = op[i]
    args[#args + 1] = op[i + 1]
    args[#args + 1] = op[i + 2]
  end
  rcall('BITFIELD', key, unpack(args))
  rcall('EXPIRE', key, '@REPORT_TTL_SECONDS@')
end
rcall('SET', seqKey, A.to)
return A.to
