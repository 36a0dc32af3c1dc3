/**
 * Every Redis key of Loket is built here, Lua included: scripts get their fixed keys in
 * `KEYS`, and for keys whose name depends on data only the script reads (the queue of a
 * service picked by `call_best`, a ticket id read from a hash) the key prefixes below,
 * packed in their argument. One site's keys share the hash tag `{site}`.
 */

export const sitePrefix = (site: string): string => `loket:{${site}}:`;

/** Prefixes a key's last part is appended to (`prefixes.queue(site) + serviceId`). */
export const prefixes = {
  /** Waiting tickets of a service (sorted set by rank). */
  queue: (site: string) => `${sitePrefix(site)}q:`,
  /** A ticket (hash). */
  ticket: (site: string) => `${sitePrefix(site)}t:`,
  /** A counter (hash). */
  counter: (site: string) => `${sitePrefix(site)}counter:`,
  /** A service's statistics of one business day (hash of counts). */
  stats: (site: string, day: string) => `${sitePrefix(site)}st:${day}:`,
} as const;

/** Suffixes after a service's stats key: its wait samples and its service time samples (lists, ms). */
export const WAITS_SUFFIX = ':wait';
export const SERVICE_TIMES_SUFFIX = ':svc';

export const keys = {
  prefix: sitePrefix,
  ticket: (site: string, id: string) => prefixes.ticket(site) + id,
  queue: (site: string, service: string) => prefixes.queue(site) + service,
  counter: (site: string, counter: string) => prefixes.counter(site) + counter,
  events: (site: string) => `${sitePrefix(site)}events`,
  eventSeq: (site: string) => `${sitePrefix(site)}eventseq`,
  idempotency: (site: string, key: string) => `${sitePrefix(site)}idem:${key}`,
  noIdempotency: (site: string) => `${sitePrefix(site)}idem:-`,
  statusToken: (site: string, token: string) => `${sitePrefix(site)}tok:${token}`,
  /** The tickets issued on a business day (sorted set by issue time). */
  day: (site: string, day: string) => `${sitePrefix(site)}day:${day}`,
  /** The last number given on a business day for a ticket prefix (`A` -> `A-012`). */
  numberSeq: (site: string, day: string, letter: string) => `${sitePrefix(site)}seq:${day}:${letter}`,
  stats: (site: string, day: string, service: string) => prefixes.stats(site, day) + service,
  waits: (site: string, day: string, service: string) => prefixes.stats(site, day) + service + WAITS_SUFFIX,
  serviceTimes: (site: string, day: string, service: string) => prefixes.stats(site, day) + service + SERVICE_TIMES_SUFFIX,
  feedback: (site: string, ticketId: string) => `${sitePrefix(site)}fb:${ticketId}`,
  feedbackIndex: (site: string) => `${sitePrefix(site)}fb-index`,
  /** Called tickets by the time their no-show is due (set and cleared by the scripts). */
  noShowDeadlines: (site: string) => `${sitePrefix(site)}noshow`,
  /** Site settings the scripts read (noShowMs). */
  config: (site: string) => `${sitePrefix(site)}cfg`,
  session: (tokenHash: string) => `loket:session:${tokenHash}`,
  /** Pub/sub channel: SHA-256 of each token logged out or revoked. */
  revocations: () => 'loket:revoked',
} as const;
