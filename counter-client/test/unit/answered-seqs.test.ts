import type { TicketView } from '@loket/engine/protocol';
import { describe, expect, it } from 'vitest';
import { AnsweredSeqs } from '../../src/answered-seqs.js';
import { counterDto, counterEvent, ticketEvent, ticketView } from '../support/fixtures.js';

const tev = (seq: number, id: string, state: TicketView['state'] = 'called') => ticketEvent('ticket.called', ticketView({ id, state }), seq);
const cev = (seq: number, id: string) => counterEvent(counterDto(id), seq);

describe('answered seqs', () => {
  it('drops live events about an answered ticket at or below the answer seq, and applies later ones', () => {
    const a = new AnsweredSeqs();
    a.ticket('t1', 12); // e.g. the desk finished t1 and the engine wrote event 12
    expect(a.covers(tev(10, 't1'))).toBe(true); // the late "called" of the ended call
    expect(a.covers(tev(12, 't1', 'done'))).toBe(true);
    expect(a.covers(tev(13, 't1'))).toBe(false); // called again later: applies
  });

  it('never drops events about other tickets or counters, whatever their seq', () => {
    const a = new AnsweredSeqs();
    a.ticket('t1', 20);
    a.counter('1', 20);
    expect(a.covers(tev(15, 't2'))).toBe(false);
    expect(a.covers(cev(16, '2'))).toBe(false);
    expect(a.covers(cev(17, '1'))).toBe(true);
  });

  it('keeps nothing for an answer without seq, and forgets answers once the stream passed them', () => {
    const a = new AnsweredSeqs();
    a.ticket('t1', undefined);
    expect(a.covers(tev(1, 't1'))).toBe(false);
    a.ticket('t2', 5);
    expect(a.covers(tev(6, 't3'))).toBe(false);
    expect(a.covers(tev(5, 't2'))).toBe(false); // cannot come after 6; forgotten
  });
});
