/** What a kiosk tells about a service before a citizen takes a number: waiting, estimate, full, served now, served before closing. */
import type { CounterDto, ServiceInfo } from '@loket/engine/protocol';
import type { Locale } from '../i18n/messages.js';

export interface ServiceOutlook {
  waiting: number;
  /** Open counters that call this service now. */
  openCounters: number;
  /** Null when no counter serves it now (no honest estimate exists). */
  etaMinutes: number | null;
  noCounter: boolean;
  full: boolean;
  /** The estimate runs past today's closing time. */
  pastClosing: boolean;
}

/**
 * The estimate of the engine (`(ahead + 1) * avg / open counters`, for the next ticket),
 * from the live counters and waiting counts. `counters` null = not known yet (no warning).
 */
export function serviceOutlook(
  s: ServiceInfo & { noCounterServing?: boolean },
  counters: readonly CounterDto[] | null,
  waiting: Record<string, number>,
  full: boolean,
  minutesToClose: number | undefined,
): ServiceOutlook {
  const n = waiting[s.id] ?? 0;
  const open = counters ? counters.filter((c) => c.status === 'open' && c.services.some((tier) => tier.includes(s.id))).length : null;
  const noCounter = s.noCounterServing === true || open === 0;
  const eta = open ? Math.round(((n + 1) * s.avgServiceMinutes) / open) : null;
  return {
    waiting: n,
    openCounters: open ?? 0,
    etaMinutes: noCounter ? null : eta,
    noCounter,
    full,
    pastClosing: eta !== null && minutesToClose !== undefined && eta > minutesToClose,
  };
}

const DAY_ID: Record<string, string> = { mon: 'Sen', tue: 'Sel', wed: 'Rab', thu: 'Kam', fri: 'Jum', sat: 'Sab', sun: 'Min' };
const DAY_EN: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** Opening hours as short lines, e.g. `Sen–Jum 07:30–16:00`. */
export function hoursLines(hours: Record<string, [string, string]> | undefined, locale: Locale): string[] {
  if (!hours) return [];
  const names = locale === 'en' ? DAY_EN : DAY_ID;
  return Object.entries(hours).map(([days, [from, to]]) => `${days.split('-').map((d) => names[d] ?? d).join('–')} ${from}–${to}`);
}
