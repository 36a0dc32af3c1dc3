/** IKM survey answers: one set per ticket, only once it is done. */
import type { RedisConn } from '../redis-connection.js';
import { computeIkm, type IkmAnswers } from '../domain/ikm.js';
import type { Site } from '../domain/site.js';
import { LoketError } from '../errors.js';
import type { CommentState, IkmResponse } from '../protocol/index.js';
import { keys } from './keys.js';
import type { StoredTicket } from './ticket-mapper.js';

export interface StoredFeedback {
  answers: IkmAnswers;
  comment?: string;
  at: number;
  serviceId: string;
  agencyId: string;
}

export class FeedbackStore {
  constructor(
    private readonly redis: RedisConn,
    private readonly clock: () => number,
  ) {}

  async submit(site: Site, ticket: StoredTicket, answers: IkmAnswers, comment?: string): Promise<void> {
    if (ticket.state !== 'done') throw new LoketError('FEEDBACK_NOT_ALLOWED', 'Feedback opens once the service is done');
    const now = this.clock();
    const body: StoredFeedback = { answers, at: now, serviceId: ticket.serviceId, agencyId: ticket.agencyId };
    if (comment) body.comment = comment;
    const ok = await this.redis.set(keys.feedback(site.id, ticket.id), JSON.stringify(body), 'NX');
    if (ok !== 'OK') throw new LoketError('FEEDBACK_EXISTS', 'Feedback for this ticket was already given');
    await this.redis.zadd(keys.feedbackIndex(site.id), now, ticket.id);
  }

  async exists(siteId: string, ticketId: string): Promise<boolean> {
    return (await this.redis.exists(keys.feedback(siteId, ticketId))) === 1;
  }

  async ikm(site: Site, q: { from?: number; to?: number; agencyId?: string; serviceId?: string }): Promise<IkmResponse> {
    const ids = await this.redis.zrangebyscore(keys.feedbackIndex(site.id), q.from ?? '-inf', q.to ?? '+inf');
    const raws = ids.length ? await this.redis.mget(ids.map((id) => keys.feedback(site.id, id))) : [];
    const picked = raws
      .filter((x): x is string => !!x)
      .map((x) => JSON.parse(x) as StoredFeedback)
      .filter((f) => (!q.agencyId || f.agencyId === q.agencyId) && (!q.serviceId || f.serviceId === q.serviceId));
    return computeIkm(picked.map((f) => f.answers));
  }

  /** Every survey in [from, to] with its ticket id, oldest first. */
  async list(site: Site, from: number, to: number): Promise<(StoredFeedback & { ticketId: string })[]> {
    const ids = await this.redis.zrangebyscore(keys.feedbackIndex(site.id), from, to);
    const raws = ids.length ? await this.redis.mget(ids.map((id) => keys.feedback(site.id, id))) : [];
    const out: (StoredFeedback & { ticketId: string })[] = [];
    raws.forEach((x, i) => {
      if (x) out.push({ ...(JSON.parse(x) as StoredFeedback), ticketId: ids[i]! });
    });
    return out;
  }

  /** Work states of comments (ticket id -> state record). */
  async commentStates(site: Site, ticketIds: string[]): Promise<Map<string, CommentWork>> {
    if (!ticketIds.length) return new Map();
    const raws = await this.redis.hmget(keys.feedbackState(site.id), ...ticketIds);
    return new Map(ticketIds.flatMap((id, i) => (raws[i] ? [[id, JSON.parse(raws[i]!) as CommentWork] as const] : [])));
  }

  /** The survey of a ticket, or null. */
  async get(site: Site, ticketId: string): Promise<StoredFeedback | null> {
    const raw = await this.redis.get(keys.feedback(site.id, ticketId));
    return raw ? (JSON.parse(raw) as StoredFeedback) : null;
  }

  async setCommentState(site: Site, ticketId: string, work: CommentWork): Promise<void> {
    await this.redis.hset(keys.feedbackState(site.id), ticketId, JSON.stringify(work));
  }
}

/** Where a comment stands in being worked through. */
export interface CommentWork {
  state: CommentState;
  note?: string;
  by: string;
  at: number;
}
