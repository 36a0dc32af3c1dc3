-- take_slot(checkQuota): takes a place in the slot A.slotStart once the cancelled places whose
-- cool-down has ended are back: the slot must have a place left (A.capacity) and, when
-- checkQuota, the service's daily quota (A.quota, 0 = none) room for one more booking.
-- Returns an error reply and takes nothing when not, else nil.
-- Uses: rcall, A, slotsKey, coolKey, statsKey
--- @include "release-cooled"
local function take_slot(checkQuota)
  release_cooled()
  if tonumber(rcall('HGET', slotsKey, A.slotStart) or '0') >= A.capacity then
    return redis.error_reply('SLOT_FULL')
  end
  if checkQuota and A.quota > 0 then
    local used = rcall('HMGET', statsKey, 'issued', 'reserved')
    if tonumber(used[1] or '0') + tonumber(used[2] or '0') >= A.quota then
      return redis.error_reply('QUOTA_EXHAUSTED')
    end
  end
  rcall('HINCRBY', slotsKey, A.slotStart, 1)
  rcall('PEXPIRE', slotsKey, A.keepTtl)
end
