-- release_counter(t): frees the counter that holds ticket t, if it still does, and drops the
-- ticket's no-show deadline.
--- @include "clear-deadline"
--- @include "free-counter"
-- Uses: rcall, A
local function release_counter(t)
  clear_deadline(t.id)
  free_counter(t)
end
