/** Request schemas of the reports, staffing and IKM report routes. */
import { z } from 'zod';
import { COMMENT_STATE, type CommentPatchRequest } from '../protocol/index.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'a real date');

/** `?date=` or `?from=&to=` (dates in the site's zone). */
export const dailyQuery = z
  .object({ date: date.optional(), from: date.optional(), to: date.optional() })
  .refine((q) => !(q.date && (q.from || q.to)), 'either date or from/to');

export const ikmReportQuery = z.object({ from: date.optional(), to: date.optional() });

export const commentPatch = z
  .object({ state: z.enum(Object.values(COMMENT_STATE) as [string, ...string[]]), note: z.string().max(1000).optional() })
  .strict() as unknown as z.ZodType<CommentPatchRequest>;
