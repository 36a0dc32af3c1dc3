/** Maps the raw Redis hashes of tickets and counters to the protocol DTOs. */
import type { Channel, CounterDto, CounterStatus, Priority, PriorityReason, TicketDto, TicketState, TicketView } from '../protocol/index.js';

/** A ticket hash as the Lua scripts store it: every field a string. */
export type RawTicket = Record<string, string>;
export type RawCounter = Record<string, string>;

const iso = (ms: string | undefined): string | undefined => (ms ? new Date(Number(ms)).toISOString() : undefined);

export function toTicketView(t: RawTicket, siteId: string): TicketView {
  const view: TicketView = {
    id: t.id!,
    number: t.number!,
    siteId,
    serviceId: t.serviceId!,
    agencyId: t.agencyId!,
    state: t.state as TicketState,
    priority: t.priority as Priority,
    channel: t.channel as Channel,
    createdAt: iso(t.createdAt)!,
    recallCount: Number(t.recallCount ?? 0),
  };
  if (t.priorityReason) view.priorityReason = t.priorityReason as PriorityReason;
  if (t.calledAt && t.state !== 'waiting') view.calledAt = iso(t.calledAt);
  if (t.startedAt && (t.state === 'serving' || t.state === 'done')) view.startedAt = iso(t.startedAt);
  if (t.finishedAt && t.state !== 'waiting') view.finishedAt = iso(t.finishedAt);
  if (t.counterId) view.counterId = t.counterId;
  if (t.route) {
    view.route = JSON.parse(t.route) as string[];
    view.routeIndex = Number(t.routeIndex ?? 0);
  }
  return view;
}

export function toTicketDto(t: RawTicket, siteId: string, extra: { position?: number; estimatedWaitMinutes?: number } = {}): TicketDto {
  return { ...toTicketView(t, siteId), ...extra, statusToken: t.statusToken! };
}

export function toCounterDto(c: RawCounter, current: RawTicket | null | undefined, siteId: string): CounterDto {
  return {
    id: c.id!,
    name: c.name!,
    agencyId: c.agencyId!,
    status: c.status as CounterStatus,
    services: JSON.parse(c.services ?? '[]') as string[][],
    currentTicket: current && current.id ? toTicketView(current, siteId) : null,
  };
}

/** Lua's cjson encodes an empty table as `{}`; fields that are maps come back as objects. */
export function asRecord(x: unknown): Record<string, number> {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, number>) : {};
}
