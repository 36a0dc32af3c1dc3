import { describe, expect, it } from 'vitest';
import { TICKET_STATE, canAct, type TicketState } from '@loket/engine/protocol';
import { TICKET_BUTTONS, legalActions } from '../../src/ticket-buttons.js';

const STATES = Object.values(TICKET_STATE) as TicketState[];

describe('desk buttons', () => {
  it('enable, for every ticket state, exactly the desk actions the protocol allows from it', () => {
    for (const state of STATES) {
      for (const { action } of TICKET_BUTTONS) expect(legalActions(state).includes(action), `${action} from ${state}`).toBe(canAct(action, state));
    }
  });

  it('leave a held ticket always something to do, and a desk without a ticket nothing', () => {
    expect(legalActions(undefined)).toEqual([]);
    for (const state of ['called', 'serving'] as const) expect(legalActions(state).length, state).toBeGreaterThan(0);
    for (const state of ['done', 'no_show', 'cancelled'] as const) expect(legalActions(state), state).toEqual([]);
  });
});
