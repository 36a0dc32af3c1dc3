/** What every use case is built from: the sites, the clock, the repositories. */
import type { Site } from '../domain/site.js';
import type { AuditStore } from '../store/audit-store.js';
import type { BookingStore } from '../store/booking-store.js';
import type { FeedbackStore } from '../store/feedback-store.js';
import type { SiteConfigStore } from '../store/site-config-store.js';
import type { QueryStore } from '../store/query-store.js';
import type { ReportStore } from '../store/report-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { StatsStore } from '../store/stats-store.js';
import type { ScriptContext, TicketStore } from '../store/ticket-store.js';
import type { Extensions } from './extensions.js';
import { agenciesOf, type Caller } from './caller.js';
import type { SiteClock } from './site-clock.js';
import type { SiteRegistry } from './site-registry.js';
import type { WaitEstimates } from './wait-estimates.js';

export interface Deps {
  sites: SiteRegistry;
  clock: SiteClock;
  tickets: TicketStore;
  queries: QueryStore;
  stats: StatsStore;
  feedback: FeedbackStore;
  sessions: SessionStore;
  eta: WaitEstimates;
  /** Report records kept from the event log. */
  figures: ReportStore;
  /** The live site definitions. */
  config: SiteConfigStore;
  audit: AuditStore;
  extensions: Extensions;
  bookings: BookingStore;
  /** HMAC secret for NIK and phone (LOKET_BOOKING_SECRET); undefined: one made once per site in Redis. */
  bookingSecret?: string | undefined;
}

/** The moment and scope a script runs in, for `caller` (or the engine itself: any agency). */
export function scriptContext(d: Deps, site: Site, caller?: Caller): ScriptContext {
  const now = d.clock.now();
  return { site, now, day: d.clock.day(site, now), agencies: caller ? agenciesOf(caller) : undefined, by: caller?.username };
}

/** The context with the audit entry its script appends with the change, when `audited`. */
export function audit(ctx: ScriptContext, caller: Caller, action: string, audited: boolean): ScriptContext {
  return audited ? { ...ctx, audit: { actor: caller.username, role: caller.role, action } } : ctx;
}
