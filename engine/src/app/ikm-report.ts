/**
 * The IKM report (Permenpan RB 14/2017): the index overall, per service and per agency for a
 * period, the element table, the respondents against the minimum sample (Krejcie-Morgan by
 * the citizens served), and the survey comments as complaints to work through.
 */
import { dayRange } from '../domain/clock.js';
import { computeIkm, elementTable, krejcieMorgan } from '../domain/ikm.js';
import { mergeRecords } from '../domain/report-figures.js';
import { LoketError, notFound } from '../errors.js';
import type { CommentPatchRequest, IkmComment, IkmReport, MinimumSample } from '../protocol/index.js';
import type { StoredFeedback } from '../store/feedback-store.js';
import { isManager, type Caller } from './caller.js';
import type { Deps } from './context.js';
import { datesBetween, type DailyReports } from './daily-reports.js';

const MAX_DAYS = 366;

export class IkmReports {
  constructor(
    private readonly d: Deps,
    private readonly reports: DailyReports,
  ) {}

  async report(caller: Caller, q: { from?: string | undefined; to?: string | undefined }): Promise<IkmReport> {
    const site = this.d.sites.get(caller.siteId);
    const tz = site.def.timezone;
    const today = this.d.clock.day(site);
    const from = q.from ?? today;
    const to = q.to ?? today;
    const days = datesBetween(from, to);
    if (!days.length || days.length > MAX_DAYS) throw new LoketError('VALIDATION_FAILED', `A period of 1 to ${MAX_DAYS} days`);
    const mine = (agencyId: string): boolean => isManager(caller) || caller.agencyIds.includes(agencyId);
    const all = (await this.d.feedback.list(site, dayRange(from, tz)[0], dayRange(to, tz)[1])).filter((f) => mine(f.agencyId));

    await this.reports.catchUp(site.id);
    const services = [...site.services.values()].filter((s) => mine(s.agencyId));
    const perDay = await Promise.all(days.map((day) => this.d.figures.records(site.id, day, services.map((s) => ({ dim: `s.${s.id}` as const, slot: 'd' })))));
    const served = new Map(services.map((s, i) => [s.id, mergeRecords(perDay.map((r) => r[i]!)).counts.served]));
    const sample = (population: number, responses: number): MinimumSample => {
      const minimumSample = krejcieMorgan(population);
      return { population, minimumSample, responses, enough: responses >= minimumSample };
    };
    const ikmOf = (fs: StoredFeedback[]) => computeIkm(fs.map((f) => f.answers));

    const states = await this.d.feedback.commentStates(site, all.filter((f) => f.comment).map((f) => f.ticketId));
    const comments: IkmComment[] = all
      .filter((f) => f.comment)
      .map((f) => {
        const w = states.get(f.ticketId);
        const values = Object.values(f.answers).filter((v): v is number => typeof v === 'number');
        const c: IkmComment = {
          ticketId: f.ticketId,
          serviceId: f.serviceId,
          agencyId: f.agencyId,
          at: new Date(f.at).toISOString(),
          comment: f.comment!,
          lowest: values.length ? Math.min(...values) : null,
          state: w?.state ?? 'open',
        };
        if (w?.note) c.note = w.note;
        if (w) {
          c.updatedBy = w.by;
          c.updatedAt = new Date(w.at).toISOString();
        }
        return c;
      })
      .sort((a, b) => (a.state === 'done' ? 1 : 0) - (b.state === 'done' ? 1 : 0) || (a.lowest ?? 5) - (b.lowest ?? 5) || a.at.localeCompare(b.at));

    const agencies = site.def.agencies.filter((a) => mine(a.id));
    return {
      from,
      to,
      overall: ikmOf(all),
      elements: elementTable(all.map((f) => f.answers)),
      services: services.map((s) => {
        const fs = all.filter((f) => f.serviceId === s.id);
        return { serviceId: s.id, agencyId: s.agencyId, ...ikmOf(fs), ...sample(served.get(s.id) ?? 0, fs.length) };
      }),
      agencies: agencies.map((a) => {
        const fs = all.filter((f) => f.agencyId === a.id);
        const pop = services.filter((s) => s.agencyId === a.id).reduce((x, s) => x + (served.get(s.id) ?? 0), 0);
        return { agencyId: a.id, ...ikmOf(fs), ...sample(pop, fs.length) };
      }),
      sample: sample([...served.values()].reduce((a, b) => a + b, 0), all.length),
      comments,
    };
  }

  /** Moves a comment along (open -> in progress -> done), with an optional note. */
  async updateComment(caller: Caller, ticketId: string, patch: CommentPatchRequest): Promise<IkmComment> {
    const site = this.d.sites.get(caller.siteId);
    const f = await this.d.feedback.get(site, ticketId);
    if (!f || !f.comment) throw notFound('Comment');
    if (!isManager(caller) && !caller.agencyIds.includes(f.agencyId)) throw new LoketError('FORBIDDEN', 'Not your agency');
    const now = this.d.clock.now();
    await this.d.feedback.setCommentState(site, ticketId, { state: patch.state, ...(patch.note ? { note: patch.note } : {}), by: caller.username, at: now });
    const values = Object.values(f.answers).filter((v): v is number => typeof v === 'number');
    return {
      ticketId,
      serviceId: f.serviceId,
      agencyId: f.agencyId,
      at: new Date(f.at).toISOString(),
      comment: f.comment,
      lowest: values.length ? Math.min(...values) : null,
      state: patch.state,
      ...(patch.note ? { note: patch.note } : {}),
      updatedBy: caller.username,
      updatedAt: new Date(now).toISOString(),
    };
  }
}
