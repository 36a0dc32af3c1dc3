/**
 * Request schemas: validation at the edge, and the types the routes trust. The value lists
 * come from protocol/ (one list each), and each body schema is checked against the protocol
 * request type the clients send.
 */
import { z } from 'zod';
import {
  CHANNEL,
  COUNTER_STATUS,
  IKM_ELEMENTS,
  PRIORITY,
  PRIORITY_REASON,
  TICKET_STATE,
  TRANSFER_POSITION,
  type CallNextRequest,
  type CallTicketRequest,
  type CounterPatchRequest,
  type FeedbackRequest,
  type IssueRequest,
  type LoginRequest,
  type TransferRequest,
} from '../protocol/index.js';

/** `z.enum` over the values of a protocol `as const` object. */
const oneOf = <T extends Record<string, string>>(o: T) => z.enum(Object.values(o) as [T[keyof T], ...T[keyof T][]]);

const serviceId = z.string().min(1).max(64);

export const loginBody = z.object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) }).strict() satisfies z.ZodType<LoginRequest>;

export const issueBody = z
  .object({
    serviceId,
    priority: oneOf(PRIORITY).optional(),
    priorityReason: oneOf(PRIORITY_REASON).optional(),
    channel: oneOf(CHANNEL).optional(),
    route: z.array(serviceId).min(1).max(6).optional(),
  })
  .strict()
  .refine((b) => !b.route || b.route[0] === b.serviceId, { message: 'route must start with serviceId', path: ['route'] }) satisfies z.ZodType<IssueRequest>;

export const idempotencyKey = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII');

/** Page size of `GET /tickets` when the request names none (the old, unpaged form gets this first page). */
export const DEFAULT_TICKET_PAGE = 500;

export const ticketQuery = z.object({
  state: oneOf(TICKET_STATE).optional(),
  serviceId: serviceId.optional(),
  limit: z.coerce.number().int().min(1).max(DEFAULT_TICKET_PAGE).optional(),
  cursor: z.string().regex(/^[0-9a-z]{1,12}$/).optional(),
});

export const transferBody = z.object({ serviceId, position: oneOf(TRANSFER_POSITION).optional() }).strict() satisfies z.ZodType<TransferRequest>;

/** `call-next` may finish the counter's serving ticket first (one atomic step). */
export const callNextBody = z.object({ finishCurrent: z.boolean().optional() }).strict() satisfies z.ZodType<CallNextRequest>;

export const callTicketBody = z.object({ ticketId: z.string().min(1).max(64) }).strict() satisfies z.ZodType<CallTicketRequest>;

export const counterPatch = z
  .object({
    status: oneOf(COUNTER_STATUS).optional(),
    services: z.array(z.array(serviceId).min(1).max(20)).min(1).max(10).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.services !== undefined, { message: 'give status or services' }) satisfies z.ZodType<CounterPatchRequest>;

const answer = z.number().int().min(1).max(4);
export const feedbackBody = z
  .object({
    answers: z.object(Object.fromEntries(IKM_ELEMENTS.map((u) => [u, answer.optional()])) as Record<(typeof IKM_ELEMENTS)[number], z.ZodOptional<typeof answer>>).strict(),
    comment: z.string().max(1000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b.answers).length > 0, { message: 'answer at least one element', path: ['answers'] }) satisfies z.ZodType<FeedbackRequest>;

const dateOrIso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date or ISO 8601 time');
export const ikmQuery = z.object({ from: dateOrIso.optional(), to: dateOrIso.optional(), agencyId: z.string().optional(), serviceId: z.string().optional() });

export const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/);

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** `idParam.parse`, with the common case (a valid id) checked by one regex: a path param on every transition. */
export const parseId = (v: unknown): string => (typeof v === 'string' && ID.test(v) ? v : idParam.parse(v));
