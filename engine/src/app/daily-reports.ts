/**
 * The daily report (design.md "Reports and staffing"): per service, hour, counter, agency and
 * staff account, read from the report records the event-log consumer keeps (store/report-store.ts).
 * A report first adds the events not yet counted, so it is exact up to the moment it is asked.
 */
import { BUCKET_UPPER_MINUTES, histPercentileMinutes, mergeRecords, recordTimes, type Dimension, type FigureEvent, type ReportRecord } from '../domain/report-figures.js';
import { LoketError } from '../errors.js';
import type { DailyGroupRow, DailyReport, DailyServiceRow } from '../protocol/index.js';
import { isManager, type Caller } from './caller.js';
import type { Deps } from './context.js';

export interface DailyQuery {
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const MAX_DAYS = 31;
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const r1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/** The dates from `from` to `to` (YYYY-MM-DD, inclusive). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The figures of a record as a report row. */
export function groupRow(r: ReportRecord): DailyGroupRow {
  const c = r.counts;
  const t = recordTimes(r);
  return {
    issued: c.issued,
    served: c.served,
    noShow: c.noShow,
    cancelled: c.cancelled,
    walkedOut: c.walkedOut,
    called: c.called,
    waitAvgMinutes: t.waitAvgMinutes,
    waitP50Minutes: r1(histPercentileMinutes(r.waitHist, 50)),
    waitP90Minutes: r1(histPercentileMinutes(r.waitHist, 90)),
    serviceAvgMinutes: t.serviceAvgMinutes,
    serviceP50Minutes: r1(histPercentileMinutes(r.svcHist, 50)),
    serviceP90Minutes: r1(histPercentileMinutes(r.svcHist, 90)),
    slaShare: t.slaShare,
  };
}

export class DailyReports {
  private readonly running = new Map<string, { run: Promise<number>; exact: boolean }>();

  constructor(private readonly d: Deps) {}

  /**
   * Adds the site's events not yet in the records (one run per site at a time on this node):
   * up to the end of the log, or without `exact` as far as the events the tail fed go (the
   * periodic catch-up; see store/report-store.ts).
   */
  catchUp(siteId: string, exact = true): Promise<number> {
    const busy = this.running.get(siteId);
    if (busy) return busy.run.then(() => (exact && !busy.exact ? this.catchUp(siteId, exact) : busy.run));
    const run = this.d.figures.catchUp(this.d.sites.get(siteId), exact).finally(() => this.running.delete(siteId));
    this.running.set(siteId, { run, exact });
    return run;
  }

  /** Events of a site as this node's event tail decoded them (store/event-log.ts). */
  feed(siteId: string, events: readonly FigureEvent[]): void {
    const site = this.d.sites.find(siteId);
    if (site) this.d.figures.feed(site, events);
  }

  /** The site's event log started over. */
  forget(siteId: string): void {
    this.d.figures.forget(siteId);
  }

  async daily(caller: Caller, q: DailyQuery): Promise<DailyReport> {
    const site = this.d.sites.get(caller.siteId);
    const today = this.d.clock.day(site);
    const from = q.from ?? q.date ?? today;
    const to = q.to ?? q.date ?? from;
    const days = datesBetween(from, to);
    if (!days.length) throw new LoketError('VALIDATION_FAILED', '`from` is after `to`');
    if (days.length > MAX_DAYS) throw new LoketError('VALIDATION_FAILED', `At most ${MAX_DAYS} days in one report`);
    const seq = await this.catchUp(site.id);
    const mine = (agencyId: string): boolean => isManager(caller) || caller.agencyIds.includes(agencyId);
    const services = [...site.services.values()].filter((s) => mine(s.agencyId));
    const counters = [...site.counters.values()].filter((c) => mine(c.agencyId));
    const agencies = site.def.agencies.filter((a) => mine(a.id));
    const users = site.def.users.filter((u) => isManager(caller) || u.agencyIds.some((a) => caller.agencyIds.includes(a)));

    const wanted: { dim: Dimension; slot: string }[] = [];
    for (const s of services) for (const slot of ['d', ...HOURS]) wanted.push({ dim: `s.${s.id}`, slot });
    for (const c of counters) wanted.push({ dim: `c.${c.id}`, slot: 'd' });
    for (const a of agencies) wanted.push({ dim: `a.${a.id}`, slot: 'd' });
    for (const u of users) wanted.push({ dim: `u.${u.username}`, slot: 'd' });
    const perDay = await Promise.all(days.map((day) => this.d.figures.records(site.id, day, wanted)));
    const rec = (i: number): ReportRecord => mergeRecords(perDay.map((recs) => recs[i]!));
    let i = 0;
    const serviceRows: DailyServiceRow[] = [];
    const hourRecs: ReportRecord[][] = HOURS.map(() => []);
    for (const s of services) {
      const day = rec(i++);
      for (let h = 0; h < 24; h++) hourRecs[h]!.push(rec(i++));
      serviceRows.push({ serviceId: s.id, agencyId: s.agencyId, ...groupRow(day), slaMinutes: s.sla.minutes, slaTarget: s.sla.share, waitHistogram: day.waitHist });
    }
    const hours = hourRecs
      .map((rs, h) => {
        const g = groupRow(mergeRecords(rs));
        return { hour: h, issued: g.issued, served: g.served, noShow: g.noShow, cancelled: g.cancelled, called: g.called, waitAvgMinutes: g.waitAvgMinutes, waitP50Minutes: g.waitP50Minutes, waitP90Minutes: g.waitP90Minutes, slaShare: g.slaShare };
      })
      .filter((h) => h.issued || h.served || h.called || h.noShow || h.cancelled);
    const counterRows = counters.map((c) => ({ counterId: c.id, agencyId: c.agencyId, ...groupRow(rec(i++)) }));
    const agencyRows = agencies.map((a) => ({ agencyId: a.id, ...groupRow(rec(i++)) }));
    const staffRows = users.map((u) => ({ username: u.username, ...groupRow(rec(i++)) })).filter((u) => u.called || u.served || u.noShow);
    return {
      date: from,
      from,
      to,
      services: serviceRows,
      hours,
      counters: counterRows,
      agencies: agencyRows,
      staff: staffRows,
      waitBucketsMinutes: BUCKET_UPPER_MINUTES.map((b) => (Number.isFinite(b) ? b : null)),
      seq,
    };
  }

  /** The service rows as CSV with a header line (one row per service and day for a range). */
  async csv(caller: Caller, q: DailyQuery): Promise<string> {
    const site = this.d.sites.get(caller.siteId);
    const today = this.d.clock.day(site);
    const from = q.from ?? q.date ?? today;
    const days = datesBetween(from, q.to ?? q.date ?? from);
    if (days.length > MAX_DAYS) throw new LoketError('VALIDATION_FAILED', `At most ${MAX_DAYS} days in one report`);
    const cols = ['serviceId', 'agencyId', 'issued', 'served', 'noShow', 'cancelled', 'walkedOut', 'called', 'waitAvgMinutes', 'waitP50Minutes', 'waitP90Minutes', 'serviceAvgMinutes', 'serviceP50Minutes', 'serviceP90Minutes', 'slaShare', 'slaMinutes', 'slaTarget'] as const;
    const lines = [['date', ...cols].join(',')];
    for (const day of days) {
      const r = await this.daily(caller, { date: day });
      for (const s of r.services) lines.push([day, ...cols.map((c) => csvCell(s[c]))].join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
