/** Weekdays of the site's hours and breaks: the file's keys (`mon`, `mon-fri`) to days and back. */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

/** The days a key covers (`fri`, `mon-thu`; a range may wrap: `sat-mon`), as the engine reads it. */
export function daysOf(key: string): Day[] {
  const [from, to] = key.split('-') as [Day, Day | undefined];
  const a = DAYS.indexOf(from);
  const b = DAYS.indexOf(to ?? from);
  if (a < 0 || b < 0) return [];
  return DAYS.filter((_, i) => (a <= b ? i >= a && i <= b : i >= a || i <= b));
}

export interface DayHours {
  open: boolean;
  from: string;
  to: string;
}

/** Hours per day from the file's keys (the first key naming a day wins, as in the engine). */
export function hoursByDay(hours: Record<string, [string, string]>): Record<Day, DayHours> {
  const out = {} as Record<Day, DayHours>;
  for (const day of DAYS) {
    const key = Object.keys(hours).find((k) => daysOf(k).includes(day));
    const h = key ? hours[key] : undefined;
    out[day] = h ? { open: true, from: h[0], to: h[1] } : { open: false, from: '08:00', to: '16:00' };
  }
  return out;
}

/** Back to the file's shape: runs of days with the same hours become one range (`mon-thu`). */
export function hoursOfDays(days: Record<Day, DayHours>): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  let start = -1;
  DAYS.forEach((day, i) => {
    const d = days[day];
    const next = DAYS[i + 1];
    const n = next ? days[next] : undefined;
    if (!d.open) return;
    if (start < 0) start = i;
    if (!n || !n.open || n.from !== d.from || n.to !== d.to) {
      out[start === i ? day : `${DAYS[start]}-${day}`] = [d.from, d.to];
      start = -1;
    }
  });
  return out;
}

/** The engine's messages on `hours.<key>.<0|1>` for each day the key covers: `hours.<day>.<0|1>`. */
export function dayProblems(problems: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, msg] of Object.entries(problems)) {
    const m = /^hours\.([a-z-]+)\.?([01])?$/.exec(path);
    if (m) for (const day of daysOf(m[1]!)) out[`hours.${day}.${m[2] ?? '1'}`] ??= msg;
  }
  return out;
}

/** A time as typed (`7.30`, `07:30`, `13.00`) in the file's `HH:MM`; anything else as typed (the engine names it). */
export function hhmm(typed: string): string {
  const m = /^\s*(\d{1,2})[.:](\d{2})\s*$/.exec(typed);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : typed.trim();
}
