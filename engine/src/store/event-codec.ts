/** Decodes the site event stream entries written by the Lua scripts and maps them to the protocol envelope. */
import type { Site } from '../domain/site.js';
import type { EventType, LoketEvent } from '../protocol/index.js';
import { asRecord, toCounterDto, toTicketChange, type StoredCounter, type StoredTicket, type StoredTicketChange } from './ticket-mapper.js';

/** An event as stored in the stream (field `e`, JSON written by store/lua/includes/emit.lua). */
export interface StoredEvent {
  seq: number;
  type: EventType;
  at: number;
  /** What the transition wrote to the ticket, with its id, number, service, agency and state (store/lua/includes/emit.lua). */
  t?: StoredTicketChange;
  c?: string;
  from?: string;
  w?: Record<string, number>;
  counter?: StoredCounter;
  current?: StoredTicket;
}

export function decodeEntry(fields: string[]): StoredEvent {
  const i = fields.indexOf('e');
  return JSON.parse(fields[i + 1] ?? '{}') as StoredEvent;
}

export function toEnvelope(site: Site, e: StoredEvent): LoketEvent {
  const base = { seq: e.seq, at: new Date(e.at).toISOString(), siteId: site.id };
  if (e.type === 'site.updated') return { ...base, type: e.type, version: e.seq };
  if (e.type === 'counter.updated') {
    const current = e.current && typeof e.current === 'object' && 'id' in e.current ? e.current : null;
    return { ...base, type: e.type, counter: toCounterDto(e.counter!, current, site.id) };
  }
  const ev: LoketEvent = { ...base, type: e.type, ticket: toTicketChange(e.t!, site.id), waiting: asRecord(e.w) };
  if (e.c) ev.counterId = e.c;
  if (e.from) ev.fromServiceId = e.from;
  return ev;
}
