/**
 * Verifies the invariants of docs/design.md on a live Redis, for one site: each ticket in one
 * state and one place (a waiting ticket in exactly its service's queue, a called or serving
 * ticket held by exactly its counter, no other ticket anywhere), counters and tickets agree,
 * numbers unique per business day, the event log gap-free and replaying to the state (the
 * last event of each ticket it still holds shows the ticket's state). Read-only.
 */
import type { RedisConn } from '../redis-connection.js';
import type { Site } from '../domain/site.js';
import { decodeEntry } from './event-codec.js';
import { keys, prefixes } from './keys.js';
import { storedTicket, type StoredTicket } from './ticket-mapper.js';

export interface Violation {
  rule: string;
  /** Ticket, counter or event ids at fault. */
  ids: string[];
  detail: string;
}

export interface CheckReport {
  siteId: string;
  tickets: number;
  events: number;
  violations: Violation[];
}

async function scanKeys(redis: RedisConn, match: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    out.push(...batch);
  } while (cursor !== '0');
  return out;
}

export async function checkSite(redis: RedisConn, site: Site): Promise<CheckReport> {
  const v: Violation[] = [];
  const bad = (rule: string, ids: string[], detail: string) => v.push({ rule, ids, detail });
  const tPrefix = prefixes.ticket(site.id);
  // `t:<id>` hashes only (not keys that merely start alike).
  const ticketKeys = (await scanKeys(redis, `${tPrefix}*`)).filter((k) => !k.slice(tPrefix.length).includes(':'));
  const tickets = new Map<string, StoredTicket>();
  for (let i = 0; i < ticketKeys.length; i += 500) {
    const pipe = redis.pipeline();
    for (const k of ticketKeys.slice(i, i + 500)) pipe.hgetall(k);
    for (const [, raw] of (await pipe.exec()) ?? []) {
      const t = storedTicket(raw as Record<string, string>);
      if (t) tickets.set(t.id, t);
    }
  }

  // Queues: who is in which.
  const inQueues = new Map<string, string[]>();
  const queueKeys = await scanKeys(redis, `${prefixes.queue(site.id)}*`);
  for (const qk of queueKeys) {
    const service = qk.slice(prefixes.queue(site.id).length);
    for (const id of await redis.zrange(qk, 0, -1)) {
      inQueues.set(id, [...(inQueues.get(id) ?? []), service]);
      if (!tickets.has(id)) bad('queue-holds-unknown-ticket', [id], `queue ${service} holds a ticket that does not exist`);
    }
  }
  // Counters: who holds which.
  const heldBy = new Map<string, string[]>();
  for (const c of site.counters.values()) {
    const current = await redis.hget(keys.counter(site.id, c.id), 'current');
    if (!current) continue;
    heldBy.set(current, [...(heldBy.get(current) ?? []), c.id]);
    const t = tickets.get(current);
    if (!t) bad('counter-holds-unknown-ticket', [c.id, current], `counter ${c.id} holds a ticket that does not exist`);
    else if (t.state !== 'called' && t.state !== 'serving') bad('counter-holds-idle-ticket', [c.id, current], `counter ${c.id} holds ticket in state ${t.state}`);
  }

  const numbers = new Map<string, string>();
  for (const t of tickets.values()) {
    const queues = inQueues.get(t.id) ?? [];
    const holders = heldBy.get(t.id) ?? [];
    if (t.state === 'waiting') {
      if (queues.length !== 1 || queues[0] !== t.serviceId) bad('waiting-not-in-its-queue', [t.id], `waiting for ${t.serviceId}, found in queues [${queues.join(', ')}]`);
      if (holders.length) bad('waiting-held-by-counter', [t.id, ...holders], 'a waiting ticket is held by a counter');
    } else {
      if (queues.length) bad('not-waiting-but-queued', [t.id], `state ${t.state}, still in queues [${queues.join(', ')}]`);
      if (t.state === 'called' || t.state === 'serving') {
        if (holders.length !== 1 || holders[0] !== t.counterId) bad('held-by-wrong-counter', [t.id, ...holders], `${t.state} at ${t.counterId}, held by [${holders.join(', ')}]`);
      } else if (holders.length) bad('finished-but-held', [t.id, ...holders], `state ${t.state}, held by a counter`);
    }
    const dayNumber = `${t.day} ${t.number}`;
    const other = numbers.get(dayNumber);
    if (other) bad('number-not-unique', [other, t.id], `${t.number} twice on ${t.day}`);
    numbers.set(dayNumber, t.id);
  }

  // The log: gap-free seq, ending at the site's seq, and each ticket's last event shows its state.
  const entries = (await redis.xrange(keys.events(site.id), '-', '+')) as [string, string[]][];
  const lastSeq = Number((await redis.get(keys.eventSeq(site.id))) ?? 0);
  let prev: number | null = null;
  const lastState = new Map<string, string>();
  for (const [id, fields] of entries) {
    const e = decodeEntry(fields);
    const seq = Number(id.split('-')[0]);
    if (e.seq !== seq) bad('event-seq-mismatch', [id], `entry ${id} carries seq ${e.seq}`);
    if (prev !== null && seq !== prev + 1) bad('event-gap', [String(prev), String(seq)], `seq jumps from ${prev} to ${seq}`);
    prev = seq;
    if (e.t) lastState.set(e.t.id, e.t.state);
  }
  if (prev !== null && prev !== lastSeq) bad('log-behind-seq', [String(prev), String(lastSeq)], `last event ${prev}, site seq ${lastSeq}`);
  for (const [id, state] of lastState) {
    const t = tickets.get(id);
    if (t && t.state !== state) bad('log-disagrees-with-state', [id], `last event shows ${state}, the ticket is ${t.state}`);
  }
  return { siteId: site.id, tickets: tickets.size, events: entries.length, violations: v };
}
