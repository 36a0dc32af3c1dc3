/** Durations for timers: `m:ss` below an hour, `h:mm:ss` above. */
export function elapsed(fromIso: string | undefined, now: number): string {
  if (!fromIso) return '–';
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return '–';
  const total = Math.max(0, Math.floor((now - from) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Minutes with one decimal at most, or null. */
export function roundMinutes(v: number | null | undefined): number | null {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  return Math.round(v * 10) / 10;
}

/** A date and time in the page's language (`id-ID` or `en-GB`), `''` when absent. */
export function dateTime(iso: string | undefined, lang: 'id' | 'en'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}
