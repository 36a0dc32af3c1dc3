-- agency_ok(t): whether the caller may act on ticket t (a table with its agencyId). Staff act
-- only on their own agencies' tickets (checked here: no extra round trip). A.agencies:
-- comma-separated ids, '' = any.
-- Uses: A
local function agency_ok(t)
  local allowed = A.agencies
  return allowed == '' or string.find(',' .. allowed .. ',', ',' .. t.agencyId .. ',', 1, true) ~= nil
end
