import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoketError } from '../../src/errors.js';
import { canAct, TICKET_ACTIONS, type TicketAction, type TicketState } from '../../src/protocol/index.js';
import { decodeEntry } from '../../src/store/event-codec.js';
import { keys } from '../../src/store/keys.js';
import { TICKET_FACTS } from '../../src/store/ticket-mapper.js';
import { testCore } from '../support/core.js';
import { redisForFile } from '../support/redis-server.js';

const redis = redisForFile({ beforeAll, afterAll });

const SERVICES = ['ktp', 'kk', 'akta'];
const COUNTERS = ['1', '2', '5'];
const ACTION_OF = { start: 'start', finish: 'finish', noShow: 'no-show', cancel: 'cancel', requeue: 'requeue', recall: 'recall', transfer: 'transfer' } as const;

const op = fc.oneof(
  fc.record({ k: fc.constant('issue' as const), s: fc.constantFrom(...SERVICES), p: fc.constantFrom('regular', 'priority') }),
  fc.record({ k: fc.constant('callNext' as const), c: fc.constantFrom(...COUNTERS) }),
  fc.record({ k: fc.constantFrom('start', 'finish', 'noShow', 'cancel', 'requeue', 'recall'), i: fc.nat(30) }),
  fc.record({ k: fc.constant('transfer' as const), i: fc.nat(30), s: fc.constantFrom(...SERVICES) }),
  fc.record({ k: fc.constant('counter' as const), c: fc.constantFrom(...COUNTERS), st: fc.constantFrom('open', 'paused', 'closed') }),
);

describe('event log', () => {
  it('has a gap-free seq and agrees with the state after random operation sequences (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 60 }), async (ops) => {
        const core = await testCore(redis().url);
        const s = core.ops;
        const site = core.siteId;
        await core.open(...COUNTERS);
        const ids: string[] = [];
        for (const o of ops) {
          const before = await core.seq();
          // The ticket an action is aimed at, and its state before: the action table is the oracle.
          const target = 'i' in o && ids.length ? ids[o.i % ids.length]! : null;
          const stateBefore = target ? ((await core.redis.hget(keys.ticket(site, target), 'state')) as TicketState) : null;
          const action: TicketAction | null = target && o.k in ACTION_OF ? ACTION_OF[o.k as keyof typeof ACTION_OF] : null;
          let refused = false;
          try {
            switch (o.k) {
              case 'issue':
                ids.push((await s.issue(site, { serviceId: o.s, priority: o.p as 'regular' })).ticket.id);
                break;
              case 'callNext':
                await s.callNext(site, o.c);
                break;
              case 'transfer':
                if (ids.length) await s.transfer(site, ids[o.i % ids.length]!, o.s);
                break;
              case 'counter':
                await s.updateCounter(site, o.c, { status: o.st as 'open' });
                break;
              default:
                if (ids.length) await s[o.k](site, ids[o.i % ids.length]!);
            }
          } catch (err) {
            if (!(err instanceof LoketError)) throw err;
            refused = true;
            // A refused operation writes no event.
            expect(await core.seq()).toBe(before);
          }
          if (action && stateBefore && target) {
            // Legal by the table <=> the engine did it, and the ticket ends in a state the table allows.
            expect({ action, stateBefore, done: !refused }).toEqual({ action, stateBefore, done: canAct(action, stateBefore) });
            const after = (await core.redis.hget(keys.ticket(site, target), 'state')) as TicketState;
            expect(refused ? [stateBefore] : (TICKET_ACTIONS[action].to as readonly TicketState[])).toContain(after);
          }
        }
        const entries = await core.redis.xrange(keys.events(site), '-', '+');
        const events = entries.map(([, f]) => decodeEntry(f));
        // Gap-free, increasing, and the stream id is the seq.
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(entries.map(([id]) => id)).toEqual(events.map((e) => `${e.seq}-0`));
        expect(await core.seq()).toBe(events.length);
        // Replaying the log gives the state of every ticket and counter: an event carries what
        // its transition wrote (ticket.issued the whole hash), applied over what came before.
        const lastTicket = new Map<string, Record<string, unknown>>();
        const counterStatus = new Map<string, string>();
        for (const e of events) {
          if (e.t) lastTicket.set(e.t.id, { ...lastTicket.get(e.t.id), ...e.t });
          if (e.counter) counterStatus.set(e.counter.id!, e.counter.status!);
        }
        expect(lastTicket.size).toBe(ids.length);
        const held = new Map<string, string>();
        for (const c of COUNTERS) {
          const h = await core.redis.hgetall(keys.counter(site, c));
          expect(h.status).toBe(counterStatus.get(c));
          if (h.current) held.set(h.current, c);
        }
        for (const id of ids) {
          const t = withFacts(await core.redis.hgetall(keys.ticket(site, id)));
          expect(lastTicket.get(id)).toEqual(t);
          // A waiting ticket is in exactly one queue: its service's.
          const inQueues = [];
          for (const q of SERVICES) if ((await core.redis.zscore(keys.queue(site, q), id)) !== null) inQueues.push(q);
          expect(inQueues).toEqual(t.state === 'waiting' ? [t.serviceId] : []);
          // A called or serving ticket is held by exactly one counter: the one it names.
          if (t.state === 'called' || t.state === 'serving') expect(held.get(id)).toBe(t.counterId);
          else expect(held.has(id)).toBe(false);
        }
        core.close();
      }),
      { numRuns: 40 },
    );
  });
});

/** A ticket hash with its `facts` field as the fields it holds (a priority reason only when there is one), as events carry them. */
function withFacts(h: Record<string, string>): Record<string, string> {
  if (h.facts === undefined) return h;
  const { facts, ...rest } = h;
  const v = facts.split('\0');
  const out: Record<string, string> = { ...rest };
  TICKET_FACTS.forEach((k, i) => {
    if (k !== 'priorityReason' || v[i]) out[k] = v[i] ?? '';
  });
  return out;
}
