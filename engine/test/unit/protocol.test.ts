import { describe, expect, expectTypeOf, it } from 'vitest';
import { openApi } from '../../src/http/openapi.js';
import { issueBody, counterPatch, transferBody } from '../../src/http/schemas.js';
import {
  canAct,
  CHANNEL,
  PRIORITY,
  SIMPLE_TICKET_ACTIONS,
  TICKET_ACTION_NAMES,
  TICKET_ACTIONS,
  TICKET_STATE,
  type IssueRequest,
  type TicketState,
  type TransitionResponse,
} from '../../src/protocol/index.js';

const STATES = Object.values(TICKET_STATE);

describe('the action table', () => {
  it('lets no action leave a final state (done, no_show, cancelled) and every live state has a way on', () => {
    for (const state of STATES) {
      const actions = TICKET_ACTION_NAMES.filter((a) => canAct(a, state));
      if (state === 'done' || state === 'no_show' || state === 'cancelled') expect({ state, actions }).toEqual({ state, actions: [] });
      else expect(actions.length).toBeGreaterThan(0);
    }
  });

  it('only leads to states it names, and every state but waiting is reached by some action', () => {
    const reached = new Set<TicketState>(TICKET_ACTION_NAMES.flatMap((a) => [...TICKET_ACTIONS[a].to]));
    for (const s of reached) expect(STATES).toContain(s);
    for (const s of STATES) expect(reached.has(s)).toBe(true);
  });

  it('documents a path in the OpenAPI description for every action answered over HTTP', () => {
    for (const a of [...SIMPLE_TICKET_ACTIONS, 'transfer']) {
      const p = (openApi.paths as Record<string, { post?: { summary: string } }>)[`/api/v1/sites/{site}/tickets/{id}/${a}`];
      expect(p?.post?.summary, a).toContain(TICKET_ACTIONS[a as keyof typeof TICKET_ACTIONS].from.join('|'));
    }
  });
});

describe('request validation reads the protocol lists', () => {
  it('accepts every listed value and nothing else', () => {
    for (const priority of Object.values(PRIORITY)) expect(issueBody.safeParse({ serviceId: 'ktp', priority }).success).toBe(true);
    for (const channel of Object.values(CHANNEL)) expect(issueBody.safeParse({ serviceId: 'ktp', channel }).success).toBe(true);
    expect(issueBody.safeParse({ serviceId: 'ktp', priority: 'vip' }).success).toBe(false);
    expect(transferBody.safeParse({ serviceId: 'kk', position: 'middle' }).success).toBe(false);
    expect(counterPatch.safeParse({ status: 'busy' }).success).toBe(false);
  });

  it('pins what the protocol promises the clients', () => {
    expectTypeOf(issueBody.parse({ serviceId: 'x' })).toExtend<IssueRequest>();
    expectTypeOf<TransitionResponse['seq']>().toEqualTypeOf<number | undefined>();
  });
});
