/** How long the store keeps things: the one place of these figures (the scripts have them written in when loaded: `'@MAX_EVENTS@'`, store/scripts.ts). */

/** Approximate maximum length of each site's event stream (`XADD MAXLEN ~`). */
export const MAX_EVENTS = 200_000;

/** How long a ticket, its status token, its day's list, number sequence and statistics live (s). */
export const TICKET_TTL_SECONDS = 8 * 24 * 3600;

/** How long an `Idempotency-Key` answers with the ticket it issued (s). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** How long a report record lives (s): a year of days, and a month's margin to report the year. */
export const REPORT_TTL_SECONDS = 400 * 24 * 3600;
