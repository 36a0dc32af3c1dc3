/** The dates from `today` up to `days` ahead (YYYY-MM-DD): the booking horizon of a service. */
export function datesFrom(today: string, days: number): string[] {
  const start = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days + 1 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}
