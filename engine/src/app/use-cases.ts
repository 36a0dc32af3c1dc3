/**
 * The use cases of the engine, built once over the repositories. Routes, socket handlers
 * and jobs call these, never a store: a use case's checks live in its one module.
 */
import type { RedisConn } from '../store/redis-connection.js';
import type { Site } from '../domain/site.js';
import { FeedbackStore } from '../store/feedback-store.js';
import { QueryStore } from '../store/query-store.js';
import { defineScripts } from '../store/scripts.js';
import { SessionStore } from '../store/session-store.js';
import { StatsStore } from '../store/stats-store.js';
import { TicketStore } from '../store/ticket-store.js';
import { ActOnTicket } from './act-on-ticket.js';
import { CallNext } from './call-next.js';
import { ChangeCounter } from './change-counter.js';
import type { Deps } from './context.js';
import { IssueTicket } from './issue-ticket.js';
import { ListTickets } from './list-tickets.js';
import { LiveState } from './live-state.js';
import { PublicStatus } from './public-status.js';
import { Reports } from './reports.js';
import { Sessions } from './sessions.js';
import { SiteClock } from './site-clock.js';
import { SiteInfoView } from './site-info.js';
import { SiteRegistry } from './site-registry.js';
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
  /** Drops what a node caches about a site's counters (a counter changed, maybe on another node). */
  counterChanged(siteId: string): void;
}

export interface UseCaseOptions {
  redis: RedisConn;
  sites: Iterable<Site>;
  now?: (() => number) | undefined;
  ignoreHours?: boolean | undefined;
  sessionSeconds?: number | undefined;
  production?: boolean | undefined;
}

/** Registers the scripts, creates the counters Redis does not know yet, and builds the use cases. */
export async function createUseCases(o: UseCaseOptions): Promise<UseCases> {
  defineScripts(o.redis);
  const sites = new SiteRegistry(o.sites);
  const clock = new SiteClock(o.now ?? Date.now, o.ignoreHours ?? false);
  const tickets = new TicketStore(o.redis);
  for (const site of sites.all()) await tickets.initCounters(site);
  const eta = new WaitEstimates(tickets, clock);
  const d: Deps = {
    sites,
    clock,
    tickets,
    eta,
    queries: new QueryStore(o.redis),
    stats: new StatsStore(o.redis),
    feedback: new FeedbackStore(o.redis, clock.now),
    sessions: new SessionStore(o.redis, new Map(sites.all().map((s) => [s.id, s])), {
      ttlSeconds: o.sessionSeconds ?? 12 * 3600,
      production: o.production ?? false,
    }),
  };
  return {
    sites,
    clock,
    issueTicket: new IssueTicket(d),
    actOnTicket: new ActOnTicket(d),
    callNext: new CallNext(d),
    changeCounter: new ChangeCounter(d),
    listTickets: new ListTickets(d),
    publicStatus: new PublicStatus(d),
    siteInfo: new SiteInfoView(d),
    liveState: new LiveState(d),
    reports: new Reports(d),
    sessions: new Sessions(d),
    sweeps: new Sweeps(d),
    counterChanged: (siteId) => eta.invalidate(siteId),
  };
}
