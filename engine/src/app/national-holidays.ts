/**
 * Indonesia's national holidays as data: `sites/holidays/id-<year>.json` (the SKB 3 Menteri
 * of that year; see the folder's README). Read when an admin imports a year.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { holidaySchema } from '../domain/site.js';
import { LoketError } from '../errors.js';

/** `engine/{src,dist}/app/` -> the repository's `sites/holidays/`. */
export const HOLIDAY_DIR = fileURLToPath(new URL('../../../sites/holidays/', import.meta.url));

const fileSchema = z.object({
  country: z.literal('ID'),
  year: z.number().int(),
  source: z.string().min(1),
  status: z.enum(['official', 'provisional']),
  holidays: z.array(holidaySchema.extend({ nameEn: z.string().min(1), kind: z.enum(['national', 'cuti_bersama']) })),
});

export type NationalHolidays = z.infer<typeof fileSchema>;

/** The year's list, or `404` when the repository has none for it. */
export async function nationalHolidays(year: number, dir = HOLIDAY_DIR): Promise<NationalHolidays> {
  let text: string;
  try {
    text = await readFile(`${dir}id-${year}.json`, 'utf8');
  } catch {
    throw new LoketError('NOT_FOUND', `No national holidays of Indonesia for ${year} in sites/holidays/ (add id-${year}.json)`);
  }
  const data = fileSchema.parse(JSON.parse(text));
  if (data.year !== year || data.holidays.some((h) => !h.date.startsWith(`${year}-`))) throw new Error(`sites/holidays/id-${year}.json: dates of another year`);
  return data;
}
