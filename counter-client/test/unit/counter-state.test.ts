import type { CounterEvent, TicketView } from '@loket/engine/protocol';
import { describe, expect, it } from 'vitest';
import { applyToCounters, deskChoices } from '../../src/counter-state.js';
import { counterDto, ticketEvent, ticketView } from '../support/fixtures.js';

const counter = counterDto;
const ticket = (state: TicketView['state'], counterId?: string): TicketView =>
  ticketView({ state, calledAt: '2026-11-27T08:00:00.000Z', ...(counterId ? { counterId } : {}) });
const ev = ticketEvent;

describe('counters from events', () => {
  it('puts a called ticket on its counter and takes it off when finished or requeued', () => {
    let cs = [counter('1'), counter('2')];
    cs = applyToCounters(cs, ev('ticket.called', ticket('called', '2')));
    expect(cs.map((c) => c.currentTicket?.id ?? null)).toEqual([null, 't1']);
    cs = applyToCounters(cs, ev('ticket.started', ticket('serving', '2')));
    expect(cs[1]?.currentTicket?.state).toBe('serving');
    cs = applyToCounters(cs, ev('ticket.finished', ticket('done', '2')));
    expect(cs.map((c) => c.currentTicket)).toEqual([null, null]);
  });

  it('merges an event that carries only what changed into the ticket the counter holds', () => {
    let cs = [counter('1'), counter('2')];
    const called = ticketView({ state: 'called', counterId: '2', priority: 'priority', priorityReason: 'elderly', calledAt: '2026-11-27T08:00:00.000Z' });
    cs = applyToCounters(cs, ev('ticket.called', called));
    // ticket.started carries id, number, site, service, agency, state and startedAt; the counter comes as the event's.
    const { id, number, siteId, serviceId, agencyId } = called;
    const started = { ...ev('ticket.started', called), counterId: '2', ticket: { id, number, siteId, serviceId, agencyId, state: 'serving' as const, startedAt: '2026-11-27T08:01:00.000Z' } };
    cs = applyToCounters(cs, started);
    expect(cs[1]?.currentTicket).toEqual({ ...called, state: 'serving', startedAt: '2026-11-27T08:01:00.000Z' });
    const finished = { ...started, type: 'ticket.finished' as const, ticket: { ...started.ticket, state: 'done' as const, finishedAt: '2026-11-27T08:05:00.000Z' } };
    expect(applyToCounters(cs, finished).map((c) => c.currentTicket)).toEqual([null, null]);
  });

  it('replaces a counter on counter.updated', () => {
    const updated: CounterEvent = { seq: 2, type: 'counter.updated', at: '', siteId: 's', counter: { ...counter('1'), services: [['kk']] } };
    expect(applyToCounters([counter('1'), counter('2')], updated)[0]?.services).toEqual([['kk']]);
  });

  it('offers staff their own counters (plus one named in the URL) and supervisors all', () => {
    const cs = ['1', '2', '9'].map((id) => counter(id));
    const staff = { username: 'staff-9', role: 'staff' as const, siteId: 's', agencyIds: ['imigrasi'], counterIds: ['9'] };
    expect(deskChoices(cs, staff, null).map((c) => c.id)).toEqual(['9']);
    expect(deskChoices(cs, staff, '1').map((c) => c.id)).toEqual(['1', '9']);
    expect(deskChoices(cs, { ...staff, role: 'supervisor', counterIds: [] }, null).map((c) => c.id)).toEqual(['1', '2', '9']);
  });
});
