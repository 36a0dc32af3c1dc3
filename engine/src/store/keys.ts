/** Every Redis key of Loket is built here. One site's keys share the hash tag `{site}`. */

export const sitePrefix = (site: string): string => `loket:{${site}}:`;

export const keys = {
  prefix: sitePrefix,
  ticket: (site: string, id: string) => `${sitePrefix(site)}t:${id}`,
  queue: (site: string, service: string) => `${sitePrefix(site)}q:${service}`,
  counter: (site: string, counter: string) => `${sitePrefix(site)}counter:${counter}`,
  events: (site: string) => `${sitePrefix(site)}events`,
  eventSeq: (site: string) => `${sitePrefix(site)}eventseq`,
  idempotency: (site: string, key: string) => `${sitePrefix(site)}idem:${key}`,
  noIdempotency: (site: string) => `${sitePrefix(site)}idem:-`,
  statusToken: (site: string, token: string) => `${sitePrefix(site)}tok:${token}`,
  day: (site: string, day: string) => `${sitePrefix(site)}day:${day}`,
  stats: (site: string, day: string, service: string) => `${sitePrefix(site)}st:${day}:${service}`,
  waits: (site: string, day: string, service: string) => `${sitePrefix(site)}st:${day}:${service}:wait`,
  serviceTimes: (site: string, day: string, service: string) => `${sitePrefix(site)}st:${day}:${service}:svc`,
  feedback: (site: string, ticketId: string) => `${sitePrefix(site)}fb:${ticketId}`,
  feedbackIndex: (site: string) => `${sitePrefix(site)}fb-index`,
  /** Called tickets by the time their no-show is due (set and cleared by the scripts). */
  noShowDeadlines: (site: string) => `${sitePrefix(site)}noshow`,
  /** Site settings the scripts read (noShowMs). */
  config: (site: string) => `${sitePrefix(site)}cfg`,
  session: (tokenHash: string) => `loket:session:${tokenHash}`,
} as const;
