/**
 * Demo logins (password `demo`, NODE_ENV=development) and the calls a
 * simulated counter makes. All paths per the API contract in design.md.
 */
import type { CounterDto, LoginResponse, TicketDto } from '@loket/engine/protocol';
import type { HttpClient, HttpResult } from './http-client.js';

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

/** Logs in `staff-<id>` for each counter of each site and opens the counter. */
export async function staffForCounters(http: HttpClient, sites: { siteId: string; counterIds: string[] }[], parallel = 16): Promise<Staff[]> {
  const jobs = sites.flatMap((s) => s.counterIds.map((c) => ({ siteId: s.siteId, counterId: c })));
  const out: Staff[] = [];
  for (let i = 0; i < jobs.length; i += parallel) {
    const part = await Promise.all(
      jobs.slice(i, i + parallel).map(async (j, k) => {
        const token = await login(http, `staff-${j.counterId}`, j.siteId, 1 + i + k);
        await openCounter(http, token, j.siteId, j.counterId);
        return { ...j, token };
      }),
    );
    out.push(...part);
  }
  return out;
}
