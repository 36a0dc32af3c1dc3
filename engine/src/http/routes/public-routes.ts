/** What anyone may read or send: sites, a ticket's status by its secret token, its feedback. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { perMinute } from '../rate-limit.js';
import { feedbackBody, idParam } from '../schemas.js';

/** Requests per client address and minute on the citizen's endpoints. */
const PUBLIC_PER_MINUTE = 600;

export function publicRoutes(app: UseCases): Router {
  const r = Router();
  const limiter = perMinute(PUBLIC_PER_MINUTE, 'Too many requests; wait a minute');

  r.get('/sites', (_req, res) => {
    res.json({ sites: app.siteInfo.list() });
  });

  r.get('/sites/:site/info', (req, res) => {
    res.json(app.siteInfo.of(idParam.parse(req.params.site)));
  });

  r.get('/public/tickets/:token', limiter, async (req, res) => {
    res.json(await app.publicStatus.byToken(idParam.parse(req.params.token)));
  });

  r.post('/public/tickets/:token/feedback', limiter, async (req, res) => {
    const b = feedbackBody.parse(req.body);
    await app.publicStatus.giveFeedback(idParam.parse(req.params.token), b.answers, b.comment);
    res.status(201).json({ ok: true });
  });
  return r;
}
