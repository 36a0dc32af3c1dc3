/** Re-exports of the engine's test harness and browser helpers, plus small API helpers of these tests. */
import type { TicketDto } from '@loket/engine/protocol';
import { KIOSK_TOKEN, api, login } from '../../../engine/test/support/harness.js';

export { launchChromium, seriousAxeViolations } from '../../../engine/test/support/browser.js';
export { KIOSK_TOKEN, api, login, startTestEngine, type TestEngine } from '../../../engine/test/support/harness.js';

/** Issues tickets with the kiosk token, one after the other (arrival order = issue order). */
export async function issueTickets(url: string, siteId: string, serviceIds: string[]): Promise<TicketDto[]> {
  const out: TicketDto[] = [];
  for (const serviceId of serviceIds) {
    const r = await api<{ ticket: TicketDto }>(url, 'POST', `/api/v1/sites/${siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
    if (r.status !== 201) throw new Error(`issue ${serviceId}: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(r.body.ticket);
  }
  return out;
}

/** Tickets of the site in a state, as the engine sees them (read with a supervisor token). */
export async function ticketsIn(url: string, siteId: string, token: string, state: string): Promise<TicketDto[]> {
  const r = await api<{ tickets: TicketDto[] }>(url, 'GET', `/api/v1/sites/${siteId}/tickets?state=${state}`, { token });
  if (r.status !== 200) throw new Error(`tickets ${state}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.tickets;
}

export async function supervisorToken(url: string): Promise<string> {
  return login(url, 'supervisor');
}
