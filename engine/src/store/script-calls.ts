/**
 * One typed function per Lua script of store/lua/: builds its KEYS (store/keys.ts) and its one
 * packed argument (msgpack, the fields each script's header names), runs it (a known error
 * code becomes a LoketError) and decodes the reply.
 */
import type { RedisConn } from '../redis-connection.js';
import { Packr } from 'msgpackr';
import type { CounterStatus, Priority, PriorityReason, Channel } from '../protocol/index.js';
import { keys, prefixes } from './keys.js';
import { MAX_AUDIT } from './audit-store.js';
import { runScript } from './script-errors.js';
import { storedCounter, storedTicket, TICKET_FACTS, type StoredCounter, type StoredTicket, type TicketFields } from './ticket-mapper.js';

/** Maps stay maps (no msgpackr records): Lua's cmsgpack decodes plain msgpack only. */
const packr = new Packr({ useRecords: false });

/** Who calls, when, and on which business day. */
export interface CallContext {
  site: string;
  /** ms since the epoch: the transition's time (`A.now`). */
  now: number;
  /** Business day `YYYY-MM-DD` in the site's time zone. */
  day: string;
  /** Agencies the caller may act for; undefined = any (`A.agencies`). */
  agencies?: readonly string[] | undefined;
  /** The site's no-show time (ms; 0: none) from the caller's copy of the site: a call and a recall (re)start the deadline (`A.noShowMs`). */
  noShowMs?: number | undefined;
  /** Username of the caller, kept on a called ticket (`calledBy`) for the staff figures (`A.by`). */
  by?: string | undefined;
  /** The audit entry the script appends with its change (a manager's transfer, cancel, requeue, counter tiers). */
  audit?: AuditArg | undefined;
}

/** Who is audited and under which action; the script adds target, before and after. */
export interface AuditArg {
  actor: string;
  role: string;
  action: string;
}

/** `A.audit` of a script (includes/audit.lua): the entry's fixed parts, or '' for none. */
export function auditArg(a: AuditArg | undefined, targetPrefix: string): Record<string, unknown> | '' {
  return a ? { ...a, targetPrefix, max: MAX_AUDIT } : '';
}

/** A script's reply for one ticket: the ticket after the step and the seq of its event (0: none written). */
export interface TicketReply {
  /** The ticket's DTO fields (what the hot scripts answer; the others answer the whole hash). */
  t: TicketFields;
  seq: number;
  /** issue: the ticket's place in its queue (0 = next; -1 when no longer waiting). */
  pos?: number;
  /** issue: 1 when an Idempotency-Key replay answered with the earlier ticket. */
  replay?: number;
}

export interface CounterReply {
  counter: StoredCounter;
  current: StoredTicket | null;
  seq: number;
}

/** The key prefixes of a site the scripts append ids to, built once per site. */
interface ScriptPrefixes {
  qPrefix: string;
  tPrefix: string;
  cPrefix: string;
}
const prefixCache = new Map<string, ScriptPrefixes>();
function pre(c: CallContext): ScriptPrefixes {
  let p = prefixCache.get(c.site);
  if (!p) {
    if (prefixCache.size > 1000) prefixCache.clear();
    p = { qPrefix: prefixes.queue(c.site), tPrefix: prefixes.ticket(c.site), cPrefix: prefixes.counter(c.site) };
    prefixCache.set(c.site, p);
  }
  return p;
}

const agenciesArg = (a: readonly string[] | undefined): string => (a ? a.join(',') || '-' : '');
const pack = (fields: Record<string, unknown>): Buffer => packr.pack(fields);
const events = (site: string): [string, string] => [keys.events(site), keys.eventSeq(site)];

function ticketReply(raw: string | null | false): TicketReply | null {
  if (!raw) return null;
  const r = JSON.parse(raw) as { t: Record<string, string>; seq: number; pos?: number; replay?: number };
  const t = storedTicket(r.t);
  if (!t) throw new Error('script reply without a ticket');
  return { ...r, t };
}
function mustTicket(raw: string | null): TicketReply {
  const r = ticketReply(raw);
  if (!r) throw new Error('script reply without a ticket');
  return r;
}

/**
 * What a call answers of its ticket (store/lua/includes/ticket-core.lua and do-call.lua), in
 * order: the fields it read, as the call left them, then those the call wrote. The ticket's
 * `facts` field is its four values joined by NUL (includes/new-ticket.lua), so the joined
 * reply has them in its place.
 */
export const CALL_FIELDS = [
  'id', 'state', 'number', 'serviceId', 'agencyId', ...TICKET_FACTS, 'route', 'routeIndex',
  'queuedAt', 'waitRecorded', 'statusToken', 'counterId', 'calledAt', 'recallCount', 'calledBy',
] as const;

/** A call's reply: seq and values NUL-joined (store/lua/includes/do-call.lua); null when nothing was called. */
export type CallReply = string;

export function calledTicket(raw: CallReply | null | false): TicketReply | null {
  return raw ? valuesReply(CALL_FIELDS, raw) : null;
}

/**
 * What start and finish answer of their ticket (store/lua/includes/ticket-view.lua), in
 * order, as the step left them: the fields of its DTO.
 */
export const VIEW_FIELDS = [
  'id', 'state', 'number', 'serviceId', 'agencyId', 'counterId', 'startedAt', 'route', 'routeIndex', ...TICKET_FACTS,
  'recallCount', 'calledAt', 'finishedAt', 'statusToken',
] as const satisfies readonly (keyof TicketFields)[];

/** Ticket fields a ticket may lack (its hash has them once a step wrote them): '' in a values reply means absent. */
const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(['calledAt', 'lastCalledAt', 'startedAt', 'finishedAt']);

/**
 * A reply of seq and the values of `fields` NUL-joined (a call's, start's or finish's;
 * `values_reply` in store/lua/includes/ticket-view.lua, an absent value as '') as a TicketReply.
 */
function valuesReply(fields: readonly string[], raw: string): TicketReply {
  const values = raw.split('\0');
  const seq = values[0];
  const h: Record<string, string> = {};
  fields.forEach((k, i) => {
    const v = values[i + 1];
    if (v !== undefined && (v !== '' || !OPTIONAL_FIELDS.has(k))) h[k] = v;
  });
  const t = storedTicket(h);
  if (!t) throw new Error('script reply without a ticket');
  return { t, seq: Number(seq) };
}

/** The reply of the hot scripts (store/lua/includes/ticket-reply.lua): the event's seq and the ticket hash, NUL-joined. */
export type FlatReply = string;

/** Decodes a `ticket_reply`: null when the script answered nothing. */
export function flatTicket(raw: FlatReply | null | false): TicketReply | null {
  if (!raw) return null;
  const parts = raw.split('\0');
  const seq = parts[0];
  const h: Record<string, string> = {};
  for (let i = 1; i + 1 < parts.length; i += 2) {
    if (parts[i] !== 'facts') h[parts[i]!] = parts[i + 1]!;
    else {
      // Its value is the facts joined by NUL: the next TICKET_FACTS.length parts (storedTicket splits them).
      h.facts = parts.slice(i + 1, i + 1 + TICKET_FACTS.length).join('\0');
      i += TICKET_FACTS.length - 1;
    }
  }
  const t = storedTicket(h);
  if (!t) throw new Error('script reply without a ticket');
  return { t, seq: Number(seq) };
}

export interface IssueArgs {
  id: string;
  token: string;
  service: string;
  agency: string;
  /** The service's number prefix (`A` -> `A-012`). */
  letter: string;
  priority: Priority;
  priorityReason: PriorityReason | '';
  channel: Channel;
  /** Services of a multi-service visit (more than one), or undefined. */
  route?: readonly string[] | undefined;
  routeAgencies?: readonly string[] | undefined;
  rank: number;
  /** Daily quota of the service, 0 = none. */
  quota: number;
  idempotencyKey?: string | undefined;
  /** sha256 of the canonical request, '' without an idempotency key. */
  bodyHash: string;
}

/** What a script that makes a ticket (`includes/new-ticket.lua`) needs of it. */
export interface NewTicketArgs {
  id: string;
  token: string;
  service: string;
  agency: string;
  /** The service's number prefix (`A` -> `A-012`). */
  letter: string;
  priorityReason?: string | undefined;
  /** JSON lists of a route's services and agencies, '' for a single service. */
  route?: string | undefined;
  routeAgencies?: string | undefined;
}

/** The last KEYS of a script that makes a ticket: the day's stats, number, day and queue keys. */
export function newTicketKeys(c: CallContext, a: NewTicketArgs): string[] {
  return [keys.stats(c.site, c.day, a.service), keys.numberSeq(c.site, c.day, a.letter), keys.day(c.site, c.day), keys.queue(c.site, a.service)];
}

/**
 * The fields of a new ticket's hash but number, priority, rank and channel, as
 * includes/new-ticket.lua writes them (the caller's copy of the new ticket).
 */
export function newTicketHash(c: CallContext, a: NewTicketArgs): Record<string, string> {
  const now = String(c.now);
  return {
    id: a.id,
    state: 'waiting',
    serviceId: a.service,
    agencyId: a.agency,
    counterId: '',
    route: a.route ?? '',
    priorityReason: a.priorityReason ?? '',
    createdAt: now,
    routeIndex: '0',
    queuedAt: now,
    waitRecorded: '0',
    recallCount: '0',
    statusToken: a.token,
    day: c.day,
    routeAgencies: a.routeAgencies ?? '',
  };
}

/**
 * The packed fields every script that makes a ticket reads (includes/new-ticket.lua): the
 * values of its hash (`hash`, newTicketHash) that vary, and only those not at their default
 * (the script writes no field at its default); the script writes the others as literals.
 * `routeJ`, `routeAgenciesJ`: the two routes as JSON strings for the event.
 */
export function newTicketFields(c: CallContext, a: NewTicketArgs, hash: Record<string, string>): Record<string, unknown> {
  const f: Record<string, unknown> = {
    nowStr: String(c.now),
    id: a.id,
    service: a.service,
    letter: a.letter,
    agency: hash.agencyId,
    token: hash.statusToken,
    day: hash.day,
  };
  if (hash.priorityReason) f.priorityReason = hash.priorityReason;
  if (hash.route) {
    f.route = hash.route;
    f.routeJ = JSON.stringify(hash.route);
    f.routeAgencies = hash.routeAgencies;
    f.routeAgenciesJ = JSON.stringify(hash.routeAgencies);
  }
  return f;
}

export async function issue(redis: RedisConn, c: CallContext, a: IssueArgs): Promise<TicketReply> {
  const p = pre(c);
  const route = a.route ? JSON.stringify(a.route) : '';
  const routeAgencies = a.routeAgencies ? JSON.stringify(a.routeAgencies) : '';
  const rank = String(a.rank);
  const nt: NewTicketArgs = { ...a, route, routeAgencies };
  const tk = keys.ticket(c.site, a.id);
  const hash = newTicketHash(c, nt);
  const raw = await runScript(
    redis.loketIssueV2(
      tk,
      ...events(c.site),
      a.idempotencyKey ? keys.idempotency(c.site, a.idempotencyKey) : keys.noIdempotency(c.site),
      ...newTicketKeys(c, nt),
      pack({
        ...newTicketFields(c, nt, hash),
        priority: a.priority,
        channel: a.channel,
        rank,
        // Only what this ticket needs: a quota, and an Idempotency-Key's hash with what a replay reads.
        ...(a.quota > 0 ? { quota: a.quota } : {}),
        ...(a.bodyHash ? { bodyHash: a.bodyHash, qPrefix: p.qPrefix, tPrefix: p.tPrefix } : {}),
      }),
    ),
  );
  // An Idempotency-Key replay answers JSON; a new ticket seq, number and pos NUL-joined.
  if (raw.startsWith('{')) return mustTicket(raw);
  const [seq, number = '', pos] = raw.split('\0');
  // The caller's copy of the new ticket and what the script decided (hash is this call's own object).
  const t = storedTicket(Object.assign(hash, { number, priority: a.priority, rank, channel: a.channel }))!;
  return { t, seq: Number(seq), pos: Number(pos) };
}

export async function callNext(redis: RedisConn, c: CallContext, counterId: string): Promise<TicketReply | null> {
  const raw = await runScript(redis.loketCallNextV2(...callKeys(c, counterId), pack(callFields(c))));
  return calledTicket(raw);
}

/** The keys of the scripts that call the next ticket at a counter. */
function callKeys(c: CallContext, counterId: string): string[] {
  return [keys.counter(c.site, counterId), ...events(c.site), keys.noShowDeadlines(c.site)];
}

/** The packed fields of the scripts that call the next ticket. */
function callFields(c: CallContext): Record<string, unknown> {
  const p = pre(c);
  return { ...callerFields(c), qPrefix: p.qPrefix, tPrefix: p.tPrefix };
}

/** What every call script is told of the moment and the caller (the clerk's name for the event). */
function callerFields(c: CallContext): Record<string, unknown> {
  return { now: c.now, noShowMs: c.noShowMs ?? 0, nowStr: String(c.now), by: c.by ?? '', byJ: JSON.stringify(c.by ?? '') };
}

export async function finishAndCallNext(redis: RedisConn, c: CallContext, counterId: string): Promise<{ finished: TicketReply | null; called: TicketReply | null }> {
  const fields = { ...callFields(c), agencies: agenciesArg(c.agencies), cPrefix: pre(c).cPrefix };
  const [f, n] = await runScript(redis.loketFinishAndCallNextV2(...callKeys(c, counterId), pack(fields)));
  return { finished: flatTicket(f), called: calledTicket(n) };
}

export async function callTicket(redis: RedisConn, c: CallContext, counterId: string, ticketId: string): Promise<TicketReply> {
  const p = pre(c);
  const raw = await runScript(
    redis.loketCallTicketV2(
      keys.counter(c.site, counterId),
      ...events(c.site),
      keys.ticket(c.site, ticketId),
      keys.noShowDeadlines(c.site),
      pack({ ...callerFields(c), agencies: agenciesArg(c.agencies), qPrefix: p.qPrefix }),
    ),
  );
  const r = calledTicket(raw);
  if (!r) throw new Error('call reply without a ticket');
  return r;
}

/** Runs one of the scripts keyed by a ticket hash, events, seq and the no-show deadlines. */
async function onTicket(
  cmd: 'loketCancelV2' | 'loketRequeueV2' | 'loketNoShowV2',
  redis: RedisConn,
  c: CallContext,
  ticketId: string,
  fields: Record<string, unknown>,
  extraKeys: string[] = [],
): Promise<TicketReply> {
  const raw = await runScript(redis[cmd](keys.ticket(c.site, ticketId), ...events(c.site), keys.noShowDeadlines(c.site), ...extraKeys, pack(fields)));
  return mustTicket(raw);
}

export async function recall(redis: RedisConn, c: CallContext, ticketId: string): Promise<TicketReply> {
  const raw = await runScript(
    redis.loketRecallV2(
      keys.ticket(c.site, ticketId),
      ...events(c.site),
      keys.noShowDeadlines(c.site),
      pack({ now: c.now, noShowMs: c.noShowMs ?? 0, agencies: agenciesArg(c.agencies) }),
    ),
  );
  return mustTicket(raw);
}

export async function start(redis: RedisConn, c: CallContext, ticketId: string): Promise<TicketReply> {
  const tk = keys.ticket(c.site, ticketId);
  const fields = { nowStr: String(c.now), agencies: agenciesArg(c.agencies) };
  return valuesReply(VIEW_FIELDS, await runScript(redis.loketStartV2(tk, ...events(c.site), keys.noShowDeadlines(c.site), pack(fields))));
}


export async function finish(redis: RedisConn, c: CallContext, ticketId: string): Promise<TicketReply> {
  const p = pre(c);
  const tk = keys.ticket(c.site, ticketId);
  const fields = {
    now: c.now,
    nowStr: String(c.now),
    agencies: agenciesArg(c.agencies),
    qPrefix: p.qPrefix,
    cPrefix: p.cPrefix,
  };
  return valuesReply(VIEW_FIELDS, await runScript(redis.loketFinishV2(tk, ...events(c.site), pack(fields))));
}

export function cancel(redis: RedisConn, c: CallContext, ticketId: string): Promise<TicketReply> {
  const p = pre(c);
  const fields = { now: c.now, agencies: agenciesArg(c.agencies), qPrefix: p.qPrefix, cPrefix: p.cPrefix, audit: auditArg(c.audit, 'ticket:') };
  return onTicket('loketCancelV2', redis, c, ticketId, fields, [keys.audit(c.site)]);
}

export function requeue(redis: RedisConn, c: CallContext, ticketId: string): Promise<TicketReply> {
  const p = pre(c);
  const fields = { now: c.now, agencies: agenciesArg(c.agencies), qPrefix: p.qPrefix, cPrefix: p.cPrefix, audit: auditArg(c.audit, 'ticket:') };
  return onTicket('loketRequeueV2', redis, c, ticketId, fields, [keys.audit(c.site)]);
}

/** `due`: only when the ticket's no-show deadline has passed (the timers sweep). */
export function noShow(redis: RedisConn, c: CallContext, ticketId: string, due: boolean): Promise<TicketReply> {
  const p = pre(c);
  return onTicket('loketNoShowV2', redis, c, ticketId, {
    now: c.now,
    agencies: agenciesArg(c.agencies),
    cPrefix: p.cPrefix,
    due,
  });
}

export async function transfer(
  redis: RedisConn,
  c: CallContext,
  ticketId: string,
  to: { serviceId: string; agencyId: string; position: 'keep' | 'front' | 'back' },
): Promise<TicketReply> {
  const p = pre(c);
  const raw = await runScript(
    redis.loketTransferV2(
      keys.ticket(c.site, ticketId),
      ...events(c.site),
      keys.noShowDeadlines(c.site),
      keys.queue(c.site, to.serviceId),
      keys.audit(c.site),
      pack({
        now: c.now,
        agencies: agenciesArg(c.agencies),
        qPrefix: p.qPrefix,
        cPrefix: p.cPrefix,
        to: to.serviceId,
        agency: to.agencyId,
        position: to.position,
        audit: auditArg(c.audit, 'ticket:'),
      }),
    ),
  );
  return mustTicket(raw);
}

export async function counterUpdate(
  redis: RedisConn,
  c: CallContext,
  counterId: string,
  change: { status?: CounterStatus | undefined; services?: string[][] | undefined },
): Promise<CounterReply> {
  const raw = await runScript(
    redis.loketCounterUpdateV2(
      keys.counter(c.site, counterId),
      ...events(c.site),
      keys.audit(c.site),
      pack({
        now: c.now,
        tPrefix: pre(c).tPrefix,
        status: change.status ?? '',
        services: change.services ? JSON.stringify(change.services) : '',
        audit: auditArg(c.audit, 'counter:'),
      }),
    ),
  );
  if (!raw) throw new Error('counter-update replied nothing');
  const r = JSON.parse(raw) as { counter: Record<string, string>; current?: Record<string, string> | []; seq: number };
  const counter = storedCounter(r.counter);
  if (!counter) throw new Error('counter-update reply without a counter');
  return { counter, current: Array.isArray(r.current) ? null : storedTicket(r.current), seq: r.seq };
}

/** One report record's increments: its key suffix (`<day>:<dim>:<slot>`) and BITFIELD INCRBY triples. */
export type ReportOp = [suffix: string, ...incr: (string | number)[]];

/**
 * Adds a batch of events' figures to the report records, unless the records no longer stand
 * at `after` (another node applied the batch). Returns the report seq after the call.
 */
export async function reportApply(redis: RedisConn, site: string, after: number, to: number, ops: ReportOp[]): Promise<number> {
  const r = await redis.loketReportApplyV2(keys.reportSeq(site), pack({ after, to, rpPrefix: prefixes.report(site), ops }));
  return Number(r);
}
