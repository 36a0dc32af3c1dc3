/**
 * The engine without its transports: stores over one Redis connection. Used by main.ts,
 * the tests and the in-process benchmarks.
 */
import type { Redis } from 'ioredis';
import type { Site } from './domain/site.js';
import { FeedbackStore } from './store/feedback-store.js';
import { QueryStore } from './store/query-store.js';
import { defineScripts } from './store/scripts.js';
import { SessionStore } from './store/session-store.js';
import { StatsStore } from './store/stats-store.js';
import { TicketStore } from './store/ticket-store.js';

export interface EngineOptions {
  redis: Redis;
  sites: Map<string, Site>;
  clock?: () => number;
  sessionSeconds?: number;
  production?: boolean;
  ignoreHours?: boolean;
}

export interface Engine {
  redis: Redis;
  sites: Map<string, Site>;
  clock: () => number;
  ignoreHours: boolean;
  store: TicketStore;
  queries: QueryStore;
  stats: StatsStore;
  feedback: FeedbackStore;
  sessions: SessionStore;
}

export async function createEngine(o: EngineOptions): Promise<Engine> {
  defineScripts(o.redis);
  const store = new TicketStore({ redis: o.redis, sites: o.sites, ...(o.clock ? { clock: o.clock } : {}) });
  for (const id of o.sites.keys()) await store.initCounters(id);
  return {
    redis: o.redis,
    sites: o.sites,
    clock: store.clock,
    ignoreHours: o.ignoreHours ?? false,
    store,
    queries: new QueryStore(store),
    stats: new StatsStore(store),
    feedback: new FeedbackStore(o.redis, store.clock),
    sessions: new SessionStore(o.redis, o.sites, { ttlSeconds: o.sessionSeconds ?? 12 * 3600, production: o.production ?? false }),
  };
}
