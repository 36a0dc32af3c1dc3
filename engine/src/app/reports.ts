/** Management figures: today's live figures per service and agency, and the IKM index. */
import { dayRange } from '../domain/clock.js';
import { emptyRecord, type ReportRecord } from '../domain/report-figures.js';
import type { IkmResponse, StatsResponse } from '../protocol/index.js';
import type { Caller } from './caller.js';
import type { Deps } from './context.js';
import type { DailyReports } from './daily-reports.js';

export interface IkmQuery {
  /** A date (YYYY-MM-DD, from the start of that day in the site's zone) or an ISO time. */
  from?: string | undefined;
  /** A date (to the end of that day in the site's zone) or an ISO time. */
  to?: string | undefined;
  agencyId?: string | undefined;
  serviceId?: string | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class Reports {
  constructor(
    private readonly d: Deps,
    private readonly daily: DailyReports,
  ) {}

  /** Today's live figures: the report records brought up to the end of the log, and what waits and is held now. */
  async stats(caller: Caller): Promise<StatsResponse> {
    const site = this.d.sites.get(caller.siteId);
    await this.daily.catchUp(site.id);
    const now = this.d.clock.now();
    const day = this.d.clock.day(site, now);
    const svc = [...site.services.keys()];
    const ag = site.def.agencies.map((a) => a.id);
    const recs = await this.d.figures.records(site.id, day, [...svc.map((id) => ({ dim: `s.${id}` as const, slot: 'd' })), ...ag.map((id) => ({ dim: `a.${id}` as const, slot: 'd' }))]);
    const byDim = new Map([...svc.map((id) => `s.${id}`), ...ag.map((id) => `a.${id}`)].map((dim, i) => [dim, recs[i]!]));
    const rec = (dim: string): ReportRecord => byDim.get(dim) ?? emptyRecord();
    return this.d.stats.stats(site, now, day, { service: (id) => rec(`s.${id}`), agency: (id) => rec(`a.${id}`) });
  }

  ikm(caller: Caller, q: IkmQuery): Promise<IkmResponse> {
    const site = this.d.sites.get(caller.siteId);
    const tz = site.def.timezone;
    const from = q.from === undefined ? undefined : DATE.test(q.from) ? dayRange(q.from, tz)[0] : Date.parse(q.from);
    const to = q.to === undefined ? undefined : DATE.test(q.to) ? dayRange(q.to, tz)[1] : Date.parse(q.to);
    return this.d.feedback.ikm(site, {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(q.agencyId ? { agencyId: q.agencyId } : {}),
      ...(q.serviceId ? { serviceId: q.serviceId } : {}),
    });
  }
}
