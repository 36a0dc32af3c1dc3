/**
 * The engine's one time source: now, the business day of a site, and whether it is open.
 * Tests and the simulator inject their own `now`; nothing else calls `Date.now()` for a rule.
 */
import { BusinessDayCache, isOpen } from '../domain/clock.js';
import type { Site } from '../domain/site.js';

export class SiteClock {
  private readonly days = new BusinessDayCache();

  constructor(
    readonly now: () => number = Date.now,
    /** Open around the clock (LOKET_IGNORE_HOURS: quick start, tests). */
    readonly ignoreHours = false,
  ) {}

  /** The business day (YYYY-MM-DD in the site's zone) at `at` (default now). */
  day(site: Site, at = this.now()): string {
    return this.days.day(at, site.def.timezone);
  }

  isOpen(site: Site, at = this.now()): boolean {
    return this.ignoreHours || isOpen(site.def.hours, at, site.def.timezone, site.def);
  }
}
