-- agency_ok(agencyId): whether the caller may act on a ticket of agency agencyId. Staff act
-- only on their own agencies' tickets (checked here: no extra round trip). A.agencies:
-- comma-separated ids, '' = any.
-- Uses: A
local function agency_ok(agencyId)
  local allowed = A.agencies
  return allowed == '' or string.find(',' .. allowed .. ',', ',' .. agencyId .. ',', 1, true) ~= nil
end
