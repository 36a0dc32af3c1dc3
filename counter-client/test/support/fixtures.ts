/** Protocol values for unit tests: a ticket, a counter and their events, with what a test does not care about filled in. */
import type { CounterDto, CounterEvent, TicketEvent, TicketView } from '@loket/engine/protocol';

export const ticketView = (p: Partial<TicketView> = {}): TicketView => ({
  id: 't1',
  number: 'A-001',
  siteId: 's',
  serviceId: 'ktp',
  agencyId: 'dukcapil',
  state: 'waiting',
  priority: 'regular',
  channel: 'kiosk',
  createdAt: '2026-11-27T07:50:00.000Z',
  recallCount: 0,
  ...p,
});

export const counterDto = (id: string, currentTicket: TicketView | null = null): CounterDto => ({
  id,
  name: `Loket ${id}`,
  agencyId: 'dukcapil',
  status: 'open',
  services: [['ktp']],
  currentTicket,
});

export const ticketEvent = (type: TicketEvent['type'], ticket: TicketView, seq = 1): TicketEvent => ({ seq, type, at: '', siteId: 's', ticket, waiting: {} });

export const counterEvent = (counter: CounterDto, seq = 1): CounterEvent => ({ seq, type: 'counter.updated', at: '', siteId: 's', counter });
