/** Request schemas: validation at the edge, and the types the routes trust. */
import { z } from 'zod';
import { IKM_ELEMENTS } from '../protocol/index.js';

const serviceId = z.string().min(1).max(64);

export const loginBody = z.object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) }).strict();

export const issueBody = z
  .object({
    serviceId,
    priority: z.enum(['regular', 'priority', 'appointment']).optional(),
    priorityReason: z.enum(['elderly', 'disability', 'pregnant', 'small_children']).optional(),
    channel: z.enum(['kiosk', 'online', 'counter']).optional(),
    route: z.array(serviceId).min(1).max(6).optional(),
  })
  .strict()
  .refine((b) => !b.route || b.route[0] === b.serviceId, { message: 'route must start with serviceId', path: ['route'] });

export const idempotencyKey = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII');

export const ticketQuery = z.object({
  state: z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled']).optional(),
  serviceId: serviceId.optional(),
});

export const transferBody = z.object({ serviceId, position: z.enum(['front', 'back', 'keep']).optional() }).strict();

/** `call-next` may finish the counter's serving ticket first (one atomic step). */
export const callNextBody = z.object({ finishCurrent: z.boolean().optional() }).strict();

export const callTicketBody = z.object({ ticketId: z.string().min(1).max(64) }).strict();

export const counterPatch = z
  .object({
    status: z.enum(['open', 'paused', 'closed']).optional(),
    services: z.array(z.array(serviceId).min(1).max(20)).min(1).max(10).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.services !== undefined, { message: 'give status or services' });

const answer = z.number().int().min(1).max(4);
export const feedbackBody = z
  .object({
    answers: z.object(Object.fromEntries(IKM_ELEMENTS.map((u) => [u, answer.optional()])) as Record<(typeof IKM_ELEMENTS)[number], z.ZodOptional<typeof answer>>).strict(),
    comment: z.string().max(1000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b.answers).length > 0, { message: 'answer at least one element', path: ['answers'] });

const dateOrIso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date or ISO 8601 time');
export const ikmQuery = z.object({ from: dateOrIso.optional(), to: dateOrIso.optional(), agencyId: z.string().optional(), serviceId: z.string().optional() });

export const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/);
