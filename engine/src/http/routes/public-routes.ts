/** What anyone may read or send: sites, a ticket's status by its secret token, its feedback. */
import { Router } from 'express';
import { perMinute } from '../rate-limit.js';
import type { Engine } from '../../engine.js';
import { LoketError } from '../../errors.js';
import { feedbackBody, idParam } from '../schemas.js';
import { publicStatus, siteInfo } from '../../views.js';

export function publicRoutes(engine: Engine, opts: { publicPerMinute: number }): Router {
  const r = Router();
  const limiter = perMinute(opts.publicPerMinute, 'Too many requests; wait a minute');

  r.get('/sites', (_req, res) => {
    res.json({ sites: [...engine.sites.values()].map((s) => ({ id: s.id, name: s.def.name })) });
  });

  r.get('/sites/:site/info', (req, res) => {
    const site = engine.store.site(idParam.parse(req.params.site));
    res.json(siteInfo(engine, site));
  });

  r.get('/public/tickets/:token', limiter, async (req, res) => {
    const { site, ticket } = await engine.store.findByStatusToken(idParam.parse(req.params.token));
    res.json(await publicStatus(engine, site, ticket));
  });

  r.post('/public/tickets/:token/feedback', limiter, async (req, res) => {
    const b = feedbackBody.parse(req.body);
    const { site, ticket } = await engine.store.findByStatusToken(idParam.parse(req.params.token));
    if (!ticket) throw new LoketError('NOT_FOUND', 'Ticket not found');
    await engine.feedback.submit(site, ticket, b.answers, b.comment);
    res.status(201).json({ ok: true });
  });
  return r;
}
