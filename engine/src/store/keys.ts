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
  /** Report records (`<day>:<dimension>:<hour or d>`, strings written with BITFIELD). */
  report: (site: string) => `${sitePrefix(site)}rp:`,
  /** A booking (hash), by its code. */
  booking: (site: string) => `${sitePrefix(site)}bk:`,
} as const;

export const keys = {
  prefix: sitePrefix,
  ticket: (site: string, id: string) => prefixes.ticket(site) + id,
  queue: (site: string, service: string) => prefixes.queue(site) + service,
  counter: (site: string, counter: string) => prefixes.counter(site) + counter,
  events: (site: string) => `${sitePrefix(site)}events`,
  eventSeq: (site: string) => `${sitePrefix(site)}eventseq`,
  idempotency: (site: string, key: string) => `${sitePrefix(site)}idem:${key}`,
  noIdempotency: (site: string) => `${sitePrefix(site)}idem:-`,
  /** The ticket of a status token of an older engine (`<site>.<random>`); a token now names its ticket (app/random-ids.ts). */
  statusToken: (site: string, token: string) => `${sitePrefix(site)}tok:${token}`,
  /** The tickets issued on a business day (sorted set by issue time). */
  day: (site: string, day: string) => `${sitePrefix(site)}day:${day}`,
  /** The last number given on a business day for a ticket prefix (`A` -> `A-012`). */
  numberSeq: (site: string, day: string, letter: string) => `${sitePrefix(site)}seq:${day}:${letter}`,
  /** A service's counts of a business day that scripts check: `issued` and `reserved` (the quota), `bookingNoShow`. The day's figures are in the report records. */
  stats: (site: string, day: string, service: string) => prefixes.stats(site, day) + service,
  feedback: (site: string, ticketId: string) => `${sitePrefix(site)}fb:${ticketId}`,
  feedbackIndex: (site: string) => `${sitePrefix(site)}fb-index`,
  /** Called tickets by the time their no-show is due (set and cleared by the scripts). */
  noShowDeadlines: (site: string) => `${sitePrefix(site)}noshow`,
  /** Site settings: the stored definition's `version` (config-apply-5.lua) and `noShowMs` as last applied (the scripts take the no-show time from the caller's copy of the site). */
  config: (site: string) => `${sitePrefix(site)}cfg`,
  /** A report record: one day (or hour) of a service, agency, counter or staff account. */
  reportRecord: (site: string, day: string, dim: string, slot: string) => `${prefixes.report(site)}${day}:${dim}:${slot}`,
  /** Seq of the last event the report records include. */
  reportSeq: (site: string) => `${sitePrefix(site)}rp-seq`,
  /** Work state of IKM comments (hash: ticket id -> JSON {state, note, by, at}). */
  feedbackState: (site: string) => `${sitePrefix(site)}fb-state`,
  /** The site's definition (JSON of the site file's shape), the live one every node runs. */
  siteDef: (site: string) => `${sitePrefix(site)}def`,
  /** Who changed what (stream, append-only). */
  audit: (site: string) => `${sitePrefix(site)}audit`,
  /** Outgoing webhook endpoints (hash id -> JSON). */
  webhooks: (site: string) => `${sitePrefix(site)}wh`,
  /** Deliveries of one endpoint (hash message id -> JSON) and their order (sorted set by time). */
  webhookDeliveries: (site: string, hook: string) => `${sitePrefix(site)}whd:${hook}`,
  webhookDeliveryOrder: (site: string, hook: string) => `${sitePrefix(site)}whdo:${hook}`,
  /** A set-password link (by the SHA-256 of its token): site and username. */
  passwordLink: (tokenHash: string) => `loket:pwlink:${tokenHash}`,
  booking: (site: string, code: string) => prefixes.booking(site) + code,
  /** Places taken per slot of a service and day (hash slot HH:MM -> count, cancels still cooling included). */
  bookingSlots: (site: string, day: string, service: string) => `${sitePrefix(site)}bkslot:${day}:${service}`,
  /** Cancelled places waiting out the cool-down (sorted set `HH:MM/code` by release time). */
  bookingCooldown: (site: string, day: string, service: string) => `${sitePrefix(site)}bkcool:${day}:${service}`,
  /** Keyed hashes of who booked a service on a day (hmac -> code, code -> hmacs); expires at the day's end. */
  bookingIdentities: (site: string, day: string, service: string) => `${sitePrefix(site)}bkid:${day}:${service}`,
  /** The bookings of a day (sorted set of codes by slot start). */
  bookingDay: (site: string, day: string) => `${sitePrefix(site)}bkday:${day}`,
  /** Booked codes by the end of their check-in window (the no-show sweep reads it). */
  bookingDue: (site: string) => `${sitePrefix(site)}bkdue`,
  bookingIdempotency: (site: string, key: string) => `${sitePrefix(site)}bkidem:${key}`,
  bookingNoIdempotency: (site: string) => `${sitePrefix(site)}bkidem:-`,
  /** The site's HMAC secret for identities, when none is configured (made once). */
  bookingSecret: (site: string) => `${sitePrefix(site)}bksecret`,
  session: (tokenHash: string) => `loket:session:${tokenHash}`,
  /** Pub/sub channel: SHA-256 of each token logged out or revoked. */
  revocations: () => 'loket:revoked',
} as const;
