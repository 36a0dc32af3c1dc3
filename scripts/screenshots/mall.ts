/**
 * A sample mall in the middle of a morning, driven through the public API of a real engine:
 * counters open, tickets of many services issued (some priority), calls standing on the lobby,
 * a service with people waiting and no open counter (the floor's early warning).
 */
import type { TicketDto } from '@loket/engine/protocol';
import { api, KIOSK_TOKEN, login, type TestEngine } from '../../engine/test/support/harness.js';

export interface Mall {
  url: string;
  siteId: string;
  supervisor: string;
  /** `/api/v1/sites/<site>` + rest. */
  path(rest: string): string;
  issue(serviceId: string, priorityReason?: string): Promise<TicketDto>;
  /** Calls the next ticket at a counter as the supervisor; null when none waits. */
  callNext(counterId: string): Promise<TicketDto | null>;
  step(ticketId: string, step: 'start' | 'finish' | 'no-show' | 'requeue'): Promise<void>;
  setCounter(counterId: string, status: 'open' | 'closed' | 'paused'): Promise<void>;
}

export async function mallOf(engine: TestEngine): Promise<Mall> {
  const { url, siteId } = engine;
  const supervisor = await login(url, 'supervisor');
  const path = (rest: string) => `/api/v1/sites/${siteId}${rest}`;
  const must = <T>(r: { status: number; body: T }, what: string, ok = [200, 201]): T => {
    if (!ok.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    url,
    siteId,
    supervisor,
    path,
    async issue(serviceId, priorityReason) {
      const body = priorityReason ? { serviceId, priority: 'priority', priorityReason, channel: 'kiosk' } : { serviceId, priority: 'regular', channel: 'kiosk' };
      return must(await api<{ ticket: TicketDto }>(url, 'POST', path('/tickets'), { token: KIOSK_TOKEN, body }), `issue ${serviceId}`).ticket;
    },
    async callNext(counterId) {
      return must(await api<{ ticket: TicketDto | null }>(url, 'POST', path(`/counters/${counterId}/call-next`), { token: supervisor }), `call ${counterId}`).ticket;
    },
    async step(ticketId, step) {
      must(await api(url, 'POST', path(`/tickets/${ticketId}/${step}`), { token: supervisor }), `${step} ${ticketId}`);
    },
    async setCounter(counterId, status) {
      must(await api(url, 'PATCH', path(`/counters/${counterId}`), { token: supervisor, body: { status } }), `counter ${counterId} ${status}`);
    },
  };
}

/** Counters open this morning; 7, 8 (the only ones for `pindah` and beside it) and 24 (`air`) stay closed. */
export const OPEN_COUNTERS = ['1', '2', '3', '5', '6', '9', '10', '12', '14', '15', '18', '20', '22', '25'];

/** The morning's queue: a mix of services, a few priority tickets, one service nobody serves. */
const MORNING: [string, string?][] = [
  ['ktp'], ['ktp'], ['kk'], ['paspor'], ['ktp', 'elderly'], ['bpjs-kes'], ['pkb'], ['ktp'], ['akta'], ['paspor'],
  ['kk'], ['skck'], ['air'], ['ktp'], ['npwp'], ['pkb'], ['kk', 'pregnant'], ['paspor'], ['ktp'], ['air'],
  ['bpjs-kes'], ['nib'], ['jht'], ['bank'], ['ktp'], ['kk'], ['paspor'], ['pkb'], ['air'], ['ktp'],
  ['skck'], ['akta'], ['ktp'], ['paspor'], ['kk'], ['bpjs-kes'],
];

/**
 * Opens the counters, issues the morning's tickets, then serves some: a few finished, some
 * in service, and standing calls at five counters (for the lobby's panel and list).
 */
export async function morning(m: Mall): Promise<{ tickets: TicketDto[] }> {
  for (const c of OPEN_COUNTERS) await m.setCounter(c, 'open');
  const tickets: TicketDto[] = [];
  for (const [service, reason] of MORNING) tickets.push(await m.issue(service, reason));
  // Served and gone: the first round at four counters.
  for (const c of ['1', '2', '9', '15']) {
    const t = await m.callNext(c);
    if (t) {
      await m.step(t.id, 'start');
      await m.step(t.id, 'finish');
    }
  }
  // In service at two counters, called (standing on the lobby) at five.
  for (const c of ['12', '18']) {
    const t = await m.callNext(c);
    if (t) await m.step(t.id, 'start');
  }
  for (const c of ['3', '9', '15', '1', '2']) await m.callNext(c);
  return { tickets };
}
