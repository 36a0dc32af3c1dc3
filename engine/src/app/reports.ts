/** Management figures: today's live figures per service and agency, and the IKM index. */
import { dayRange } from '../domain/clock.js';
import type { IkmResponse, StatsResponse } from '../protocol/index.js';
import type { Caller } from './caller.js';
import type { Deps } from './context.js';

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
  constructor(private readonly d: Deps) {}

  stats(caller: Caller): Promise<StatsResponse> {
    const site = this.d.sites.get(caller.siteId);
    const now = this.d.clock.now();
    return this.d.stats.stats(site, now, this.d.clock.day(site, now));
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
