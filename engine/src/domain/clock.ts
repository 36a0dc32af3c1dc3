/** Local time of a site: business day and opening hours. Pure (Intl only). */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];

export interface LocalTime {
  /** YYYY-MM-DD in the site's zone. */
  readonly date: string;
  readonly weekday: Day;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Per zone: the local time of the last UTC minute asked (zone offsets are whole minutes since 1970). */
const lastMinute = new Map<string, { minute: number; lt: LocalTime }>();

/** Local date, weekday and minute of an instant (the result is shared: read it, do not change it). */
export function localTime(ms: number, timeZone: string): LocalTime {
  const minute = Math.floor(ms / 60_000);
  const hit = lastMinute.get(timeZone);
  if (hit && hit.minute === minute) return hit.lt;
  const lt = formatLocal(ms, timeZone);
  lastMinute.set(timeZone, { minute, lt });
  return lt;
}

function formatLocal(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const weekday = (parts.weekday ?? 'Mon').slice(0, 3).toLowerCase() as Day;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The business day (numbering restarts each day) of an instant. */
export function businessDay(ms: number, timeZone: string): string {
  return localTime(ms, timeZone).date;
}

function dayMatches(key: string, day: Day): boolean {
  const [from, to] = key.split('-') as [Day, Day | undefined];
  const a = DAYS.indexOf(from);
  const b = DAYS.indexOf(to ?? from);
  const d = DAYS.indexOf(day);
  return a <= b ? d >= a && d <= b : d >= a || d <= b;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Opening hours of a day, or null when closed all day. */
export function hoursOn(hours: Record<string, [string, string]>, day: Day): [number, number] | null {
  for (const [key, [open, close]] of Object.entries(hours)) {
    if (dayMatches(key, day)) return [toMinutes(open), toMinutes(close)];
  }
  return null;
}

/** Closures inside the opening hours: breaks on some days (Friday prayer), holidays all day. */
export interface Closures {
  breaks?: readonly { days: string; from: string; to: string }[];
  holidays?: readonly { date: string }[];
}

/** The breaks (`[from, to]` in minutes) that apply on a weekday. */
export function breaksOn(breaks: Closures['breaks'], day: Day): [number, number][] {
  return (breaks ?? []).filter((b) => dayMatches(b.days, day)).map((b) => [toMinutes(b.from), toMinutes(b.to)]);
}

export function isOpen(hours: Record<string, [string, string]>, ms: number, timeZone: string, closed: Closures = {}): boolean {
  const t = localTime(ms, timeZone);
  const h = hoursOn(hours, t.weekday);
  if (h === null || t.minutes < h[0] || t.minutes >= h[1]) return false;
  if (closed.holidays?.some((d) => d.date === t.date)) return false;
  return !closed.breaks?.some((b) => dayMatches(b.days, t.weekday) && t.minutes >= toMinutes(b.from) && t.minutes < toMinutes(b.to));
}

/** While open: today's closing time (`HH:MM`) and the whole minutes left until it; else null. */
export function closingOf(hours: Record<string, [string, string]>, ms: number, timeZone: string): { closesAt: string; minutesToClose: number } | null {
  const t = localTime(ms, timeZone);
  const h = hoursOn(hours, t.weekday);
  if (h === null || t.minutes < h[0] || t.minutes >= h[1]) return null;
  const hh = String(Math.floor(h[1] / 60)).padStart(2, '0');
  const mm = String(h[1] % 60).padStart(2, '0');
  return { closesAt: `${hh}:${mm}`, minutesToClose: h[1] - t.minutes };
}

/** Offset of the zone from UTC at an instant (ms; +7 h for Asia/Jakarta). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const t = localTime(ms, timeZone);
  const [y, m, d] = t.date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + t.minutes * 60_000;
  return wall - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instants a local date covers in a zone: `[start, end]` in ms, `end` the last ms of the
 * day. `dayRange('2026-12-01', 'Asia/Jakarta')` starts at 2026-11-30T17:00:00Z.
 */
export function dayRange(date: string, timeZone: string): [number, number] {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let start = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  // Across a change of offset (DST) the first guess can be off by the change: correct once.
  start = midnightUtc - zoneOffsetMs(start, timeZone);
  const nextMidnightUtc = midnightUtc + 86_400_000;
  const next = nextMidnightUtc - zoneOffsetMs(nextMidnightUtc - 86_400_000 + 43_200_000, timeZone);
  return [start, next - 1];
}

/**
 * The business day of "now", computed at most once a minute per zone: Intl formatting is
 * slow on the hot path. Pure: the caller brings the time.
 */
export class BusinessDayCache {
  private readonly byZone = new Map<string, { minute: number; day: string }>();

  day(now: number, timeZone: string): string {
    const minute = Math.floor(now / 60_000);
    const hit = this.byZone.get(timeZone);
    if (hit && hit.minute === minute) return hit.day;
    const day = businessDay(now, timeZone);
    this.byZone.set(timeZone, { minute, day });
    return day;
  }
}
