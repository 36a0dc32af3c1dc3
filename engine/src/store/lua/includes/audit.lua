-- audit(target, before, after): appends the caller's audit entry, when the call carries one,
-- in the same step as the change it records (A.audit: {actor, role, action, targetPrefix, max},
-- or '' for none). audit_json(json): appends an entry built by the caller (needs A.audit.max).
-- An entry's id is the change's time unless the stream already holds a later one.
-- Uses: rcall, A, auditKey
local function audit_json(json)
  local ok = redis.pcall('XADD', auditKey, 'MAXLEN', '~', A.audit.max, A.now .. '-*', 'e', json)
  if type(ok) == 'table' and ok.err then rcall('XADD', auditKey, 'MAXLEN', '~', A.audit.max, '*', 'e', json) end
end
local function audit(target, before, after)
  local a = A.audit
  if type(a) ~= 'table' or not a.action then return end
  audit_json(cjson.encode({ actor = a.actor, role = a.role, action = a.action, target = a.targetPrefix .. target, before = before, after = after }))
end
