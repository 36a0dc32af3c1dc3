/**
 * Request schemas of the administration API. Entities use the site file's own schemas
 * (domain/site.ts), so a field is valid here exactly when it is valid in the file.
 */
import { z } from 'zod';
import { breakSchema, counterSchema, displaySchema, holidaySchema, hoursSchema, id, serviceSchema, userSchema } from '../domain/site.js';
import { ROLE, WEBHOOK_EVENT } from '../protocol/index.js';

const oneOf = <T extends Record<string, string>>(o: T) => z.enum(Object.values(o) as [T[keyof T], ...T[keyof T][]]);
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO 8601 time');

export const agencyBody = z.object({ id, name: z.string().min(1) }).strict();
export const agencyPatch = z.object({ name: z.string().min(1) }).strict();

export const serviceBody = serviceSchema.extend({ agencyId: id }).strict();
export const servicePatch = serviceSchema.omit({ id: true }).partial().extend({ agencyId: id.optional() }).strict();

export const counterBody = counterSchema.strict();
/** `PATCH .../counters/:id` by an admin: the definition's fields (the live `status`/`services` stay the counter route's). */
export const counterDefPatch = counterSchema.omit({ id: true }).partial().strict();

export const accountBody = userSchema.pick({ username: true, role: true, agencyIds: true, counterIds: true, displayName: true }).strict();
export const accountPatch = userSchema.pick({ role: true, agencyIds: true, counterIds: true, displayName: true, disabled: true }).partial().strict();

export const deviceBody = z.object({ role: z.enum([ROLE.kiosk, ROLE.display]), name: z.string().min(1).max(100), expiresAt: isoTime.optional() }).strict();

export const setPasswordBody = z.object({ token: z.string().min(1).max(200), password: z.string().min(8, 'at least 8 characters').max(256) }).strict();

const dateOrIso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date or ISO 8601 time');
export const auditQuery = z.object({ from: dateOrIso.optional(), to: dateOrIso.optional(), format: z.enum(['json', 'csv']).optional() });

export const webhookBody = z
  .object({
    url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'http or https URL'),
    events: z.array(oneOf(WEBHOOK_EVENT)).min(1),
  })
  .strict();

export const usernameParam = z.string().min(1).max(64);

/** `?moveStrandedTo=<serviceId>` on `PUT .../config` and an admin's `PATCH .../counters/:id`: move stranded waiting tickets there. */
export const strandedQuery = z.object({ moveStrandedTo: id.optional() });

export const hoursBody = z.object({ hours: hoursSchema }).strict();
export const breaksBody = z.object({ breaks: z.array(breakSchema.strict()).max(50) }).strict();
export const holidayBody = holidaySchema.strict();
export const holidayDateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const holidayImportBody = z.object({ year: z.number().int().min(2000).max(2100), cutiBersama: z.boolean().optional() }).strict();
export const displayBody = displaySchema.strict();
export const displayPatch = displaySchema.omit({ id: true }).partial().strict();
