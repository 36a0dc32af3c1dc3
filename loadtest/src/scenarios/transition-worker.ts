/**
 * The closed-loop worker of `max` and the HTTP bench: one worker per counter,
 * cycling issue (kiosk) -> call-next -> start -> finish. Each successful
 * state change counts as one transition; a call-next that finds nothing
 * counts as a request but no transition.
 */
import { performance } from 'node:perf_hooks';
import type { TicketDto } from '@loket/engine/protocol';
import { paths, staffForCounters } from '../lib/accounts.js';
import type { Worker } from '../lib/closed-loop.js';
import type { HttpClient, HttpResult, RequestOptions } from '../lib/http-client.js';
import { kioskToken, loadSite } from '../lib/sites.js';

export interface Desk {
  siteId: string;
  counterId: string;
  serviceId: string;
  staffToken: string;
  kioskToken: string;
}

/** Logs in kiosks and staff for the first `n` counters across `siteIds` (26 per site) and opens them. */
export async function prepareDesks(http: HttpClient, siteIds: string[], n: number): Promise<Desk[]> {
  const site = loadSite();
  const perSite = site.counters.length;
  const needSites = siteIds.slice(0, Math.ceil(n / perSite));
  const wanted = needSites.map((id, si) => ({ siteId: id, counterIds: site.counters.slice(0, Math.min(perSite, n - si * perSite)).map((c) => c.id) }));
  const staff = await staffForCounters(http, wanted);
  const firstService = new Map(site.counters.map((c) => [c.id, c.services[0]?.[0] ?? '']));
  return staff.map((s) => ({ ...s, staffToken: s.token, serviceId: firstService.get(s.counterId) ?? '', kioskToken: kioskToken(s.siteId) }));
}

type T = { ticket: TicketDto | null };

export function transitionWorker(http: HttpClient, desks: Desk[]): Worker {
  return async (i, record, active) => {
    const d = desks[i % desks.length] as Desk;
    const staff = { token: d.staffToken };
    const send = async (method: string, path: string, o: RequestOptions, okStatus: number): Promise<HttpResult<T> | null> => {
      try {
        const r = await http.request<T>(method, path, o);
        const ok = r.status === okStatus;
        const changed = ok && (r.body.ticket ?? null) !== null;
        record(r.ms, r.sentAt + r.ms, changed ? 1 : 0, ok);
        return ok ? r : null;
      } catch {
        record(0, performance.now(), 0, false);
        return null;
      }
    };
    while (active()) {
      await send('POST', paths.tickets(d.siteId), { token: d.kioskToken, body: { serviceId: d.serviceId } }, 201);
      const c = await send('POST', paths.callNext(d.siteId, d.counterId), staff, 200);
      const t = c?.body.ticket;
      if (!t) continue;
      const s = await send('POST', paths.ticket(d.siteId, t.id, 'start'), staff, 200);
      if (!s) continue;
      await send('POST', paths.ticket(d.siteId, t.id, 'finish'), staff, 200);
    }
  };
}
