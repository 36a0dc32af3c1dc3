/**
 * Demo logins (password `demo`, NODE_ENV=development) and the calls a
 * simulated counter makes. All paths per the API contract in design.md.
 */
import type { CounterDto, LoginResponse, TicketDto } from '@loket/engine/protocol';
import type { HttpClient, HttpResult } from './http-client.js';
import { loadSite } from './sites.js';

/**
 * A distinct client address per simulated desk. The engine trusts
 * X-Forwarded-For from loopback and limits logins per address and minute;
 * real desks log in from their own machines, so each simulated one does too.
 */
export function deskAddress(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/** Logs a demo user in (`<site>/<user>`, password `demo`); returns the bearer token. */
export async function login(http: HttpClient, username: string, siteId: string, desk = 0): Promise<string> {
  const body = { username: `${siteId}/${username}`, password: 'demo' };
  const r = await http.expect<LoginResponse>('POST', '/api/v1/auth/login', [200], { body, headers: { 'x-forwarded-for': deskAddress(desk) } });
  return r.body.token;
}

export const paths = {
  tickets: (site: string) => `/api/v1/sites/${encodeURIComponent(site)}/tickets`,
  ticket: (site: string, id: string, verb: string) => `/api/v1/sites/${encodeURIComponent(site)}/tickets/${encodeURIComponent(id)}/${verb}`,
  callNext: (site: string, counter: string) => `/api/v1/sites/${encodeURIComponent(site)}/counters/${encodeURIComponent(counter)}/call-next`,
  counter: (site: string, counter: string) => `/api/v1/sites/${encodeURIComponent(site)}/counters/${encodeURIComponent(counter)}`,
  stats: (site: string) => `/api/v1/sites/${encodeURIComponent(site)}/stats`,
};

export type TicketResult = HttpResult<{ ticket: TicketDto | null }>;

/** Opens a counter with its own staff token (PATCH status=open). */
export async function openCounter(http: HttpClient, token: string, site: string, counter: string): Promise<void> {
  await http.expect<{ counter: CounterDto }>('PATCH', paths.counter(site, counter), [200], { token, body: { status: 'open' } });
}

export interface Staff {
  siteId: string;
  counterId: string;
  token: string;
}

/**
 * Logs staff in and opens every listed counter. One login per agency and site
 * (a demo staff account may work at every counter of its agency), so a
 * national run needs 3,900 logins, not 7,800; each counter is then opened
 * with that token. The requests a desk makes later cost the engine the same.
 */
export async function staffForCounters(http: HttpClient, sites: { siteId: string; counterIds: string[] }[], parallel = 16, site = loadSite()): Promise<Staff[]> {
  const agencyOf = new Map(site.counters.map((c) => [c.id, c.agencyId]));
  const groups = new Map<string, { siteId: string; counterIds: string[] }>();
  for (const s of sites) {
    for (const c of s.counterIds) {
      const k = `${s.siteId}\u0000${agencyOf.get(c) ?? c}`;
      const g = groups.get(k);
      if (g) g.counterIds.push(c);
      else groups.set(k, { siteId: s.siteId, counterIds: [c] });
    }
  }
  const list = [...groups.values()];
  const out: Staff[] = [];
  for (let i = 0; i < list.length; i += parallel) {
    const part = await Promise.all(
      list.slice(i, i + parallel).map(async (g, k) => {
        const token = await login(http, `staff-${g.counterIds[0]}`, g.siteId, 1 + i + k);
        for (const c of g.counterIds) await openCounter(http, token, g.siteId, c);
        return g.counterIds.map((c) => ({ siteId: g.siteId, counterId: c, token }));
      }),
    );
    out.push(...part.flat());
  }
  const order = new Map(sites.flatMap((s) => s.counterIds.map((c, j) => [`${s.siteId}/${c}`, j] as const)));
  return out.sort((a, b) => (a.siteId === b.siteId ? (order.get(`${a.siteId}/${a.counterId}`) ?? 0) - (order.get(`${b.siteId}/${b.counterId}`) ?? 0) : a.siteId < b.siteId ? -1 : 1));
}
