/** One lobby call against the engine: issue a ticket, call it at a counter (timed), start and finish it. */
import { performance } from 'node:perf_hooks';
import type { TicketDto } from '@loket/engine/protocol';
import { paths } from '../lib/accounts.js';
import { callKey } from '../lib/displays.js';
import type { Call } from '../lib/fanout.js';
import type { HttpClient } from '../lib/http-client.js';

export interface CallDesk {
  http: HttpClient;
  siteId: string;
  counterId: string;
  serviceId: string;
  kioskToken: string;
  staffToken: string;
}

type T = { ticket: TicketDto | null };

export async function engineCall(d: CallDesk): Promise<Call | null> {
  await d.http.expect<T>('POST', paths.tickets(d.siteId), [201], { token: d.kioskToken, body: { serviceId: d.serviceId } });
  const sentAt = performance.now();
  const r = await d.http.expect<T>('POST', paths.callNext(d.siteId, d.counterId), [200], { token: d.staffToken });
  const t = r.body.ticket;
  if (!t) return null;
  await d.http.expect<T>('POST', paths.ticket(d.siteId, t.id, 'start'), [200], { token: d.staffToken });
  await d.http.expect<T>('POST', paths.ticket(d.siteId, t.id, 'finish'), [200], { token: d.staffToken });
  return { key: callKey(t), sentAt };
}
