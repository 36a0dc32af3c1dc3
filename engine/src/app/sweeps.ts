/**
 * The engine's own timed work, run by jobs/timers.ts: no-show after the call's deadline,
 * and the end of the business day. Both act through the same scripts as staff do.
 */
import { businessDay } from '../domain/clock.js';
import { LoketError } from '../errors.js';
import { toBookingDto } from './booking-common.js';
import { scriptContext, type Deps } from './context.js';

export class Sweeps {
  constructor(private readonly d: Deps) {}

  /** Marks no-show every called ticket whose deadline passed; returns how many. */
  async noShows(): Promise<number> {
    let marked = 0;
    for (const site of this.d.sites.all()) {
      for (const id of await this.d.tickets.dueNoShows(site, this.d.clock.now())) {
        try {
          // onlyIfDue: the script re-checks the deadline, so a recall landing meanwhile wins.
          await this.d.tickets.act(scriptContext(this.d, site), 'no-show', id, true);
          marked++;
        } catch (err) {
          // Recalled or started meanwhile: the script kept (or dropped) the deadline atomically.
          // Only a ticket that no longer exists leaves a deadline nobody can move.
          if (err instanceof LoketError && err.code === 'NOT_FOUND') await this.d.tickets.dropNoShowDeadline(site, id).catch(() => undefined);
        }
      }
    }
    return marked;
  }

  /** Marks no_show every booking whose check-in window ended without a check-in; returns how many. */
  async bookingNoShows(): Promise<number> {
    let marked = 0;
    for (const site of this.d.sites.all()) {
      const now = this.d.clock.now();
      for (const code of await this.d.bookings.due(site.id, now)) {
        const b = await this.d.bookings.find(site.id, code);
        if (!b) {
          await this.d.bookings.dropDue(site.id, code);
          continue;
        }
        const r = await this.d.bookings.noShow(site.id, now, b);
        if (!r.changed) continue;
        marked++;
        this.d.extensions.booking(site.id, { kind: 'no_show', booking: toBookingDto(r.b, site.id), slotStartMs: Number(b.slotStartMs), at: now });
      }
    }
    return marked;
  }

  /**
   * The end of a business day (midnight in the site's zone). Closing time ends issuing, not
   * service: tickets issued before closing stay waiting and are called as usual. What still
   * waits once its business day is over is cancelled, each with a `ticket.cancelled` event
   * the citizen's page shows; today's numbers (A-001 again) never wait beside yesterday's.
   * Returns how many were cancelled.
   */
  async endOfDay(): Promise<number> {
    let cancelled = 0;
    const now = this.d.clock.now();
    for (const site of this.d.sites.all()) {
      const today = businessDay(now, site.def.timezone);
      this.lastDay.set(site.id, today);
      for (const service of site.services.keys()) {
        for (const id of await this.d.tickets.waitingIds(site, service)) {
          if ((await this.d.tickets.ticketDay(site, id)) === today) continue;
          try {
            await this.d.tickets.act(scriptContext(this.d, site), 'cancel', id);
            cancelled++;
          } catch {
            /* moved meanwhile */
          }
        }
      }
    }
    return cancelled;
  }

  private readonly lastDay = new Map<string, string>();

  /** True when some site's business day changed since the last end-of-day sweep of this node (checked each second). */
  dayChanged(): boolean {
    const now = this.d.clock.now();
    let changed = false;
    for (const site of this.d.sites.all()) {
      const today = businessDay(now, site.def.timezone);
      const last = this.lastDay.get(site.id);
      if (last === undefined) this.lastDay.set(site.id, today);
      else if (last !== today) changed = true;
    }
    return changed;
  }
}
