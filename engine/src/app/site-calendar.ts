/**
 * When the site is open: opening hours per weekday, breaks (Friday prayer) and holidays
 * (with Indonesia's national holidays importable). Edits of the live definition
 * (app/live-config.ts): validated like the file, applied on every node within a second,
 * audited in the same step. A holiday or break closes ticket issuing and booking slots.
 */
import type { SiteFile } from '../domain/site.js';
import { notFound } from '../errors.js';
import type { Caller } from './caller.js';
import type { LiveConfig } from './live-config.js';
import { nationalHolidays } from './national-holidays.js';

type Holiday = SiteFile['holidays'][number];

const byDate = (a: Holiday, b: Holiday): number => a.date.localeCompare(b.date);

export interface HolidayImport {
  /** National holidays only, or also the days of cuti bersama (default true: MPPs close on them). */
  cutiBersama?: boolean | undefined;
}

export class SiteCalendar {
  constructor(
    private readonly live: LiveConfig,
    private readonly holidayDir?: string,
  ) {}

  async setHours(caller: Caller, hours: SiteFile['hours']): Promise<SiteFile['hours']> {
    return (await this.live.change(caller, 'hours.update', (def) => void (def.hours = hours))).def.hours;
  }

  async setBreaks(caller: Caller, breaks: SiteFile['breaks']): Promise<SiteFile['breaks']> {
    return (await this.live.change(caller, 'breaks.update', (def) => void (def.breaks = breaks))).def.breaks;
  }

  /** Adds a holiday, or renames the one on that date. */
  async putHoliday(caller: Caller, h: Holiday): Promise<Holiday[]> {
    const site = await this.live.change(caller, 'holiday.put', (def) => {
      def.holidays = [...def.holidays.filter((x) => x.date !== h.date), h].sort(byDate);
    });
    return site.def.holidays;
  }

  async removeHoliday(caller: Caller, date: string): Promise<Holiday[]> {
    const site = await this.live.change(caller, 'holiday.remove', (def) => {
      if (!def.holidays.some((x) => x.date === date)) throw notFound(`Holiday on ${date}`);
      def.holidays = def.holidays.filter((x) => x.date !== date);
    });
    return site.def.holidays;
  }

  /**
   * Adds Indonesia's national holidays of a year (sites/holidays/id-<year>.json); dates the
   * site already has keep their own entry. Afterwards they are the site's to edit.
   */
  async importNational(caller: Caller, year: number, o: HolidayImport = {}): Promise<{ imported: number; source: string; holidays: Holiday[] }> {
    const data = await nationalHolidays(year, this.holidayDir);
    const wanted = data.holidays.filter((h) => o.cutiBersama !== false || h.kind === 'national').map(({ date, name, nameEn }) => ({ date, name, nameEn }));
    let imported = 0;
    const site = await this.live.change(caller, 'holiday.import', (def) => {
      const have = new Set(def.holidays.map((h) => h.date));
      const add = wanted.filter((h) => !have.has(h.date));
      imported = add.length;
      def.holidays = [...def.holidays, ...add].sort(byDate);
    });
    return { imported, source: data.source, holidays: site.def.holidays };
  }
}
