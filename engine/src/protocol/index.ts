/**
 * Types shared by the engine and the web clients: DTOs, the event envelope,
 * and the Socket.IO event maps. Web clients import this with `import type`
 * through `@loket/engine/protocol`, so nothing here may be server code.
 */

/** Priority classes of a ticket (Indonesian public-service rules require `priority`). */
export const PRIORITY = { regular: 'regular', priority: 'priority', appointment: 'appointment' } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

/** Why a citizen gets the `priority` class. */
export const PRIORITY_REASON = {
  elderly: 'elderly',
  disability: 'disability',
  pregnant: 'pregnant',
  smallChildren: 'small_children',
} as const;
export type PriorityReason = (typeof PRIORITY_REASON)[keyof typeof PRIORITY_REASON];

/** Where a ticket was issued. */
export const CHANNEL = { kiosk: 'kiosk', online: 'online', counter: 'counter' } as const;
export type Channel = (typeof CHANNEL)[keyof typeof CHANNEL];

/** States of a ticket. */
export const TICKET_STATE = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  done: 'done',
  noShow: 'no_show',
  cancelled: 'cancelled',
} as const;
export type TicketState = (typeof TICKET_STATE)[keyof typeof TICKET_STATE];

/**
 * The one table of legal ticket actions (design.md "States"): for each action, the states a
 * ticket may be in (`from`) and may end in (`to`). The domain check, the HTTP routes, the OpenAPI document and the desk's
 * buttons all read it. `call` is done through a counter (`call-next`, `call-ticket`).
 */
export const TICKET_ACTIONS = {
  call: { from: ['waiting'], to: ['called'] },
  recall: { from: ['called'], to: ['called'] },
  start: { from: ['called'], to: ['serving'] },
  /** `waiting` when the ticket's route has a next service. */
  finish: { from: ['serving'], to: ['done', 'waiting'] },
  'no-show': { from: ['called'], to: ['no_show'] },
  cancel: { from: ['waiting', 'called'], to: ['cancelled'] },
  requeue: { from: ['called'], to: ['waiting'] },
  transfer: { from: ['waiting', 'serving'], to: ['waiting'] },
} as const satisfies Record<string, { from: readonly TicketState[]; to: readonly TicketState[] }>;
export type TicketAction = keyof typeof TICKET_ACTIONS;
/** Every action name, in table order. */
export const TICKET_ACTION_NAMES = Object.keys(TICKET_ACTIONS) as TicketAction[];
/** Actions answered by `POST .../tickets/:id/<action>` with no body (transfer takes one). */
export const SIMPLE_TICKET_ACTIONS = ['recall', 'start', 'finish', 'no-show', 'cancel', 'requeue'] as const satisfies readonly TicketAction[];
export type SimpleTicketAction = (typeof SIMPLE_TICKET_ACTIONS)[number];

/** Whether `action` is legal for a ticket in `state`. */
export function canAct(action: TicketAction, state: TicketState): boolean {
  return (TICKET_ACTIONS[action].from as readonly TicketState[]).includes(state);
}

/** Status of a counter (desk). */
export const COUNTER_STATUS = { closed: 'closed', open: 'open', paused: 'paused' } as const;
export type CounterStatus = (typeof COUNTER_STATUS)[keyof typeof COUNTER_STATUS];

/** Roles of a logged-in user or device. */
export const ROLE = {
  admin: 'admin',
  supervisor: 'supervisor',
  staff: 'staff',
  kiosk: 'kiosk',
  display: 'display',
} as const;
export type Role = (typeof ROLE)[keyof typeof ROLE];

/** Error codes carried in `{ error: { code } }` bodies and socket errors. */
export const ERROR_CODE = {
  validation: 'VALIDATION_FAILED',
  badJson: 'MALFORMED_JSON',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  invalidTransition: 'INVALID_TRANSITION',
  counterBusy: 'COUNTER_BUSY',
  counterNotOpen: 'COUNTER_NOT_OPEN',
  quotaExhausted: 'QUOTA_EXHAUSTED',
  siteClosed: 'SITE_CLOSED',
  idempotencyMismatch: 'IDEMPOTENCY_KEY_REUSED',
  feedbackExists: 'FEEDBACK_EXISTS',
  feedbackNotAllowed: 'FEEDBACK_NOT_ALLOWED',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  rateLimited: 'RATE_LIMITED',
  slotFull: 'SLOT_FULL',
  bookingLimit: 'BOOKING_LIMIT',
  checkInTooEarly: 'CHECK_IN_TOO_EARLY',
  /** A booking checked in, cancelled, no-show, or past its check-in window can no longer be changed. */
  bookingNotChangeable: 'BOOKING_NOT_CHANGEABLE',
  storeUnavailable: 'STORE_UNAVAILABLE',
  internal: 'INTERNAL',
  /** Already exists, or changed meanwhile by someone else: read again and retry. */
  conflict: 'CONFLICT',
  /** A configuration change would strand tickets (waiting for a removed service, held by a removed counter). */
  strandsTickets: 'STRANDS_TICKETS',
  serviceOfOtherAgency: 'SERVICE_OF_OTHER_AGENCY',
} as const;
export type ErrorCode = (typeof ERROR_CODE)[keyof typeof ERROR_CODE];

/**
 * Codes of a refused Socket.IO handshake (`connect_error` with `err.data.code`). A client
 * retries the transient ones with back-off; only the final ones stop it (log in again).
 */
export const HANDSHAKE_REFUSAL = {
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  storeUnavailable: 'STORE_UNAVAILABLE',
  rateLimited: 'RATE_LIMITED',
} as const;
export type HandshakeRefusalCode = (typeof HANDSHAKE_REFUSAL)[keyof typeof HANDSHAKE_REFUSAL];
/** `err.data` of a refused handshake. */
export interface HandshakeRefusal {
  code: HandshakeRefusalCode;
}
/** Refusals worth retrying: the server may accept the same credentials shortly. */
export const TRANSIENT_REFUSALS: readonly HandshakeRefusalCode[] = ['STORE_UNAVAILABLE', 'RATE_LIMITED'];

/**
 * Every HTTP ticket transition answers with the `seq` of the last event it wrote (absent
 * when it wrote none, e.g. `call-next` with nobody waiting or an idempotent replay).
 * A client drops live events with `seq <= ` this one: it already holds their outcome.
 */
export interface TransitionResponse {
  ticket: TicketDto | null;
  seq?: number;
}
/** `POST .../counters/:counter/call-next` with `{finishCurrent: true}`. */
export interface FinishAndCallNextResponse extends TransitionResponse {
  finished: TicketDto | null;
}

/** The error body of every failed HTTP request. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** A ticket as it travels in events: no secrets (no `statusToken`). */
export interface TicketView {
  id: string;
  /** Prefix + 3 digits, e.g. `A-012`. Unique per site and business day. */
  number: string;
  siteId: string;
  serviceId: string;
  agencyId: string;
  state: TicketState;
  priority: Priority;
  priorityReason?: PriorityReason;
  channel: Channel;
  /** ISO 8601. */
  createdAt: string;
  calledAt?: string;
  startedAt?: string;
  finishedAt?: string;
  counterId?: string;
  /** How often the current call was repeated. */
  recallCount: number;
  /** Services of a multi-service visit, in order; absent for a single service. */
  route?: string[];
  /** Index into `route` of the current service. */
  routeIndex?: number;
}

/**
 * A ticket as a transition event carries it: what the transition changed, always with the
 * ticket's id, number, site, service, agency and state. `ticket.issued` carries the whole
 * view; `ticket.called` also its priority, counter, call time and recall count; the others
 * only their changes (e.g. `ticket.started`: `startedAt`). Clients merge it into the ticket
 * they know (`mergeTicket`).
 */
export type TicketChange = Pick<TicketView, 'id' | 'number' | 'siteId' | 'serviceId' | 'agencyId' | 'state'> & Partial<TicketView>;

/**
 * The ticket after an event: `change` (of the same ticket) over what the client knew of it.
 * Back in a queue, it has no counter or call any more.
 */
export function mergeTicket<T extends TicketChange>(prev: T, change: TicketChange): T {
  const next: T = { ...prev, ...change };
  if (change.state === 'waiting') {
    for (const k of ['counterId', 'calledAt', 'startedAt', 'finishedAt'] as const) if (change[k] === undefined) delete next[k];
  }
  return next;
}

/** A ticket as returned by the HTTP API. */
export interface TicketDto extends TicketView {
  /** People ahead in the same service queue (0 = next); waiting tickets only. */
  position?: number;
  /** Absent when no open counter serves the service (then `noCounterServing` is true). */
  estimatedWaitMinutes?: number;
  /** Waiting, and no open counter serves its service now: no estimate can be given. */
  noCounterServing?: boolean;
  /** Secret of the citizen's status page `/t/<statusToken>`. */
  statusToken: string;
}

/** `GET /api/v1/public/tickets/:statusToken`: what a citizen may see of their ticket. */
export interface PublicTicketStatus {
  id: string;
  number: string;
  siteId: string;
  serviceId: string;
  serviceName: string;
  agencyId: string;
  agencyName: string;
  state: TicketState;
  priority: Priority;
  createdAt: string;
  calledAt?: string;
  position?: number;
  estimatedWaitMinutes?: number;
  /** Waiting, and no open counter serves its service now (no estimate). */
  noCounterServing?: boolean;
  /** The counter that called it, while called or serving. */
  counter: { id: string; name: string } | null;
  /** Whether the feedback (IKM survey) may still be given. */
  feedbackOpen: boolean;
}

/** A counter (desk). `services` are tiers: tier 1 first. */
export interface CounterDto {
  id: string;
  name: string;
  agencyId: string;
  status: CounterStatus;
  services: string[][];
  currentTicket: TicketView | null;
}

/** One call shown on lobby screens. */
export interface CallView {
  ticketId: string;
  number: string;
  serviceId: string;
  agencyId: string;
  counterId: string;
  counterName: string;
  /** ISO 8601 of the (re)call. */
  at: string;
  recallCount: number;
  /** The ticket's class: screens mark `appointment` (a checked-in booking) and `priority`. */
  priority?: Priority;
}

/** Static description of a site, for clients (no secrets). `GET /api/v1/sites/:site/info`. */
export interface SiteInfo {
  id: string;
  name: string;
  timezone: string;
  /**
   * `nameEn`: the English name, when the site file gives one; `shortName`/`shortNameEn`: short
   * names for tight places (the lobby's chips), when it gives them.
   */
  agencies: { id: string; name: string; nameEn?: string; shortName?: string; shortNameEn?: string; services: ServiceInfo[] }[];
  counters: { id: string; name: string; agencyId: string }[];
  displays: { id: string; name: string; agencies: 'all' | string[]; runningText?: string }[];
  /** Whether the site is open right now (hours, or LOKET_IGNORE_HOURS). */
  openNow: boolean;
  /** Opening hours in the site's time zone, e.g. `{"mon-fri": ["07:30", "16:00"]}`. */
  hours?: Record<string, [string, string]>;
  /** Minutes a called ticket may wait for its citizen before it becomes a no-show. */
  noShowMinutes?: number;
  /** While open (and hours apply): today's closing time `HH:MM` and the minutes left until it. */
  closesAt?: string;
  minutesToClose?: number;
}

export interface ServiceInfo {
  id: string;
  name: string;
  /** English name, when the site file gives one. */
  nameEn?: string;
  prefix: string;
  agencyId: string;
  avgServiceMinutes: number;
  quotaPerDay?: number;
  sla: { minutes: number; share: number };
}

export const EVENT_TYPE = {
  issued: 'ticket.issued',
  called: 'ticket.called',
  recalled: 'ticket.recalled',
  started: 'ticket.started',
  finished: 'ticket.finished',
  noShow: 'ticket.no_show',
  cancelled: 'ticket.cancelled',
  requeued: 'ticket.requeued',
  transferred: 'ticket.transferred',
  counterUpdated: 'counter.updated',
  /** The site's definition changed (administration): re-read the site info and counters. */
  siteUpdated: 'site.updated',
} as const;
export type EventType = (typeof EVENT_TYPE)[keyof typeof EVENT_TYPE];

/** Fields of every event. */
export interface EventBase {
  /** Gap-free, increasing per site. */
  seq: number;
  type: EventType;
  /** ISO 8601. */
  at: string;
  siteId: string;
}

/** A ticket transition. `waiting` holds the new waiting counts of the queues it touched. */
export interface TicketEvent extends EventBase {
  type: Exclude<EventType, 'counter.updated' | 'site.updated'>;
  ticket: TicketChange;
  /** The counter involved (call, recall, start, finish, no-show). */
  counterId?: string;
  /** For `ticket.transferred` and route steps: the service it left. */
  fromServiceId?: string;
  waiting: Record<string, number>;
}

/** A counter opened, paused, closed, or its services changed. */
export interface CounterEvent extends EventBase {
  type: 'counter.updated';
  counter: CounterDto;
}

/** The site's definition changed live: `version` is this event's seq. Clients re-read `GET .../info` (or ask for a snapshot). */
export interface SiteEvent extends EventBase {
  type: 'site.updated';
  version: number;
}

/** The envelope emitted as socket.io event `event`. */
export type LoketEvent = TicketEvent | CounterEvent | SiteEvent;

/** Sent to each client on connect and on request. */
export interface Snapshot {
  /** Seq of the last event included in this state. */
  seq: number;
  /** Latest calls, newest first (at most 20). */
  calls: CallView[];
  counters: CounterDto[];
  /** Waiting tickets per service id. */
  waiting: Record<string, number>;
  site: SiteInfo;
  /** Only on `/public`: the watched ticket. */
  ticket?: PublicTicketStatus;
}

export interface ResumeRequest {
  sinceSeq: number;
}

export interface ResumeAck {
  ok: boolean;
  /** Events replayed (also emitted one by one as `event`, before this ack). */
  count: number;
  /** True when the log no longer holds the events asked for: use the snapshot sent with it. */
  snapshotSent?: boolean;
  error?: string;
}

/** Events the server emits. */
export interface ServerToClientEvents {
  event: (e: LoketEvent) => void;
  snapshot: (s: Snapshot) => void;
}

/** Events a client emits. */
export interface ClientToServerEvents {
  /** Ask for every event with `seq > sinceSeq`, in order. */
  resume: (req: ResumeRequest, ack?: (a: ResumeAck) => void) => void;
  /** Ask for a fresh snapshot. */
  snapshot: (ack?: (s: Snapshot) => void) => void;
}

/** `POST /api/v1/auth/login` body. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** `POST /api/v1/sites/:site/tickets` body. */
export interface IssueRequest {
  serviceId: string;
  priority?: Priority;
  priorityReason?: PriorityReason;
  channel?: Channel;
  /** Services of a multi-service visit, in order; starts with `serviceId`. */
  route?: string[];
}

/** Where a transferred ticket joins its new queue: by its original rank, first, or last. */
export const TRANSFER_POSITION = { keep: 'keep', front: 'front', back: 'back' } as const;
export type TransferPosition = (typeof TRANSFER_POSITION)[keyof typeof TRANSFER_POSITION];

/** `POST /api/v1/sites/:site/tickets/:id/transfer` body. */
export interface TransferRequest {
  serviceId: string;
  position?: TransferPosition;
}

/** `POST /api/v1/sites/:site/counters/:counter/call-next` body (optional). */
export interface CallNextRequest {
  /** Finish the serving ticket first, in the same atomic step. */
  finishCurrent?: boolean;
}

/** `POST /api/v1/sites/:site/counters/:counter/call-ticket` body. */
export interface CallTicketRequest {
  ticketId: string;
}

/** `PATCH /api/v1/sites/:site/counters/:counter` body: at least one of the two. */
export interface CounterPatchRequest {
  status?: CounterStatus;
  services?: string[][];
}

/** `POST /api/v1/public/tickets/:token/feedback` body: answers 1-4 per IKM element. */
export interface FeedbackRequest {
  answers: Partial<Record<IkmElement, number>>;
  comment?: string;
}

/** `POST /api/v1/auth/login` response. */
export interface LoginResponse {
  token: string;
  user: SessionUser;
}

export interface SessionUser {
  username: string;
  role: Role;
  siteId: string;
  agencyIds: string[];
  /** Staff: the counters this user may work at. */
  counterIds: string[];
  displayName?: string;
}

/** One service line of `GET /api/v1/sites/:site/stats`. */
export interface ServiceStats {
  serviceId: string;
  agencyId: string;
  waiting: number;
  called: number;
  serving: number;
  served: number;
  noShow: number;
  cancelled: number;
  issued: number;
  avgWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  /** Longest current wait of a waiting ticket. */
  longestWaitMinutes: number | null;
  avgServiceMinutes: number | null;
  /** Share of calls within the SLA minutes (null before the first call). */
  withinSlaShare: number | null;
  slaMinutes: number;
  slaShare: number;
  openCounters: number;
}

export interface AgencyStats extends Omit<ServiceStats, 'serviceId' | 'agencyId' | 'slaMinutes' | 'slaShare'> {
  agencyId: string;
}

export interface StatsResponse {
  day: string;
  services: ServiceStats[];
  agencies: AgencyStats[];
}

/** IKM: the nine elements of the official survey (Permenpan RB 14/2017). */
export const IKM_ELEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type IkmElement = (typeof IKM_ELEMENTS)[number];

export interface IkmResponse {
  responses: number;
  nrr: Partial<Record<IkmElement, number>>;
  ikm: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  gradeLabel: string | null;
}
export * from './reports.js';
export * from './admin.js';
export * from './booking.js';
export * from './booking-webhooks.js';
