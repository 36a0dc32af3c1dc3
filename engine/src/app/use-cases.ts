/**
 * The use cases of the engine, built once over the repositories. Routes, socket handlers
 * and jobs call these, never a store: a use case's checks live in its one module.
 */
import type { RedisConn } from '../redis-connection.js';
import type { Site } from '../domain/site.js';
import { AuditStore } from '../store/audit-store.js';
import { BookingStore } from '../store/booking-store.js';
import { FeedbackStore } from '../store/feedback-store.js';
import { SiteConfigStore } from '../store/site-config-store.js';
import { WebhookStore } from '../store/webhook-store.js';
import { QueryStore } from '../store/query-store.js';
import { ReportStore } from '../store/report-store.js';
import { defineScripts } from '../store/scripts.js';
import { SessionStore } from '../store/session-store.js';
import { StatsStore } from '../store/stats-store.js';
import { TicketStore } from '../store/ticket-store.js';
import { AccessAdmin } from './access-admin.js';
import { ActOnTicket } from './act-on-ticket.js';
import { AuditLog } from './audit-log.js';
import { LiveConfig } from './live-config.js';
import { Extensions } from './extensions.js';
import { SiteAdmin } from './site-admin.js';
import { SiteCalendar } from './site-calendar.js';
import { Webhooks } from './webhooks.js';
import { Book } from './book.js';
import { CancelBooking } from './cancel-booking.js';
import { CheckIn } from './check-in.js';
import { GetBooking } from './get-booking.js';
import { ListBookings } from './list-bookings.js';
import { RescheduleBooking } from './reschedule-booking.js';
import { ListSlots } from './list-slots.js';
import { CallNext } from './call-next.js';
import { ChangeCounter } from './change-counter.js';
import type { Deps } from './context.js';
import { IssueTicket } from './issue-ticket.js';
import { ListTickets } from './list-tickets.js';
import { LiveState } from './live-state.js';
import { PublicStatus } from './public-status.js';
import { Reports } from './reports.js';
import { DailyReports } from './daily-reports.js';
import { IkmReports } from './ikm-report.js';
import { Staffing } from './staffing.js';
import { Sessions } from './sessions.js';
import { SiteClock } from './site-clock.js';
import { SiteInfoView } from './site-info.js';
import { SiteRegistry } from './site-registry.js';
import { StoreHealth } from './store-health.js';
import { Sweeps } from './sweeps.js';
import { WaitEstimates } from './wait-estimates.js';

export interface UseCases {
  sites: SiteRegistry;
  clock: SiteClock;
  issueTicket: IssueTicket;
  actOnTicket: ActOnTicket;
  callNext: CallNext;
  changeCounter: ChangeCounter;
  listTickets: ListTickets;
  publicStatus: PublicStatus;
  siteInfo: SiteInfoView;
  liveState: LiveState;
  reports: Reports;
  sessions: Sessions;
  sweeps: Sweeps;
  dailyReports: DailyReports;
  staffing: Staffing;
  ikmReports: IkmReports;
  liveConfig: LiveConfig;
  siteAdmin: SiteAdmin;
  siteCalendar: SiteCalendar;
  accessAdmin: AccessAdmin;
  audit: AuditLog;
  webhooks: Webhooks;
  /** The plug-ins the core calls (outgoing webhooks...). */
  extensions: Extensions;
  book: Book;
  cancelBooking: CancelBooking;
  rescheduleBooking: RescheduleBooking;
  getBooking: GetBooking;
  listSlots: ListSlots;
  checkIn: CheckIn;
  listBookings: ListBookings;
  storeHealth: StoreHealth;
  /** Drops what a node caches about a site's counters (a counter changed, maybe on another node). */
  counterChanged(siteId: string): void;
  /** A `site.updated` event: swap in the stored definition (another node's change). */
  siteUpdated(siteId: string): Promise<void>;
  /** Called after a new definition of a site is swapped in on this node. */
  onSiteSwapped(listener: (siteId: string) => void): void;
}

export interface UseCaseOptions {
  redis: RedisConn;
  sites: Iterable<Site>;
  now?: (() => number) | undefined;
  ignoreHours?: boolean | undefined;
  sessionSeconds?: number | undefined;
  production?: boolean | undefined;
  /** HMAC secret for NIK and phone; undefined: made once per site and kept in Redis. */
  bookingSecret?: string | undefined;
}

/** Registers the scripts, creates the counters Redis does not know yet, and builds the use cases. */
export async function createUseCases(o: UseCaseOptions): Promise<UseCases> {
  defineScripts(o.redis);
  const sites = new SiteRegistry(o.sites);
  const clock = new SiteClock(o.now ?? Date.now, o.ignoreHours ?? false);
  const tickets = new TicketStore(o.redis);
  const figures = new ReportStore(o.redis);
  const eta = new WaitEstimates(tickets, clock, figures);
  const d: Deps = {
    figures,
    sites,
    clock,
    tickets,
    eta,
    queries: new QueryStore(o.redis),
    stats: new StatsStore(o.redis),
    feedback: new FeedbackStore(o.redis, clock.now),
    sessions: new SessionStore(o.redis, sites, {
      ttlSeconds: o.sessionSeconds ?? 12 * 3600,
      production: o.production ?? false,
      now: clock.now,
    }),
    config: new SiteConfigStore(o.redis),
    audit: new AuditStore(o.redis),
    extensions: new Extensions(),
    bookings: new BookingStore(o.redis),
    bookingSecret: o.bookingSecret,
  };
  const dailyReports = new DailyReports(d);
  const swapped: ((siteId: string) => void)[] = [];
  const audit = new AuditLog(d);
  const liveConfig = new LiveConfig(d, (id) => swapped.forEach((l) => l(id)));
  // The stored definition wins over the file (the file seeds a new site, or is imported with PUT .../config).
  for (const site of sites.all()) sites.replace(await liveConfig.load(site));
  for (const site of sites.all()) await tickets.initCounters(site);
  return {
    sites,
    clock,
    dailyReports,
    staffing: new Staffing(d, dailyReports),
    ikmReports: new IkmReports(d, dailyReports),
    issueTicket: new IssueTicket(d),
    actOnTicket: new ActOnTicket(d),
    callNext: new CallNext(d),
    changeCounter: new ChangeCounter(d),
    listTickets: new ListTickets(d),
    publicStatus: new PublicStatus(d),
    siteInfo: new SiteInfoView(d),
    liveState: new LiveState(d),
    reports: new Reports(d, dailyReports),
    sessions: new Sessions(d),
    sweeps: new Sweeps(d),
    liveConfig,
    siteAdmin: new SiteAdmin(liveConfig),
    siteCalendar: new SiteCalendar(liveConfig),
    accessAdmin: new AccessAdmin(d, liveConfig),
    audit,
    webhooks: new Webhooks(d, new WebhookStore(o.redis), audit),
    extensions: d.extensions,
    book: new Book(d),
    cancelBooking: new CancelBooking(d),
    rescheduleBooking: new RescheduleBooking(d),
    getBooking: new GetBooking(d),
    listSlots: new ListSlots(d),
    checkIn: new CheckIn(d),
    listBookings: new ListBookings(d),
    storeHealth: new StoreHealth(d),
    counterChanged: (siteId) => eta.invalidate(siteId),
    siteUpdated: (siteId) => liveConfig.reload(siteId),
    onSiteSwapped: (l) => void swapped.push(l),
  };
}
