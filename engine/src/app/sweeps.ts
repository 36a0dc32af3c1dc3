/**
 * The engine's own timed work, run by jobs/timers.ts: no-show after the call's deadline,
 * and the end of the business day. Both act through the same scripts as staff do.
 */
import { businessDay } from '../domain/clock.js';
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
        } catch {
          /* recalled, started or gone meanwhile: the deadline no longer applies */
          await this.d.tickets.dropNoShowDeadline(site, id).catch(() => undefined);
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
        if ((await this.d.bookings.noShow(site.id, now, b)).changed) marked++;
      }
    }
    return marked;
  }

  /** Cancels tickets still waiting from an earlier business day, or after closing time; returns how many. */
  async endOfDay(): Promise<number> {
    let cancelled = 0;
    const now = this.d.clock.now();
    for (const site of this.d.sites.all()) {
      const today = businessDay(now, site.def.timezone);
      const afterHours = !this.d.clock.isOpen(site, now);
      for (const service of site.services.keys()) {
        for (const id of await this.d.tickets.waitingIds(site, service)) {
          if (!afterHours && (await this.d.tickets.ticketDay(site, id)) === today) continue;
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
}
