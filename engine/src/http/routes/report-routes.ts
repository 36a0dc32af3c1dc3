/** Management figures: live stats and the IKM satisfaction index. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { authorize, userOf } from '../auth.js';
import { ikmQuery } from '../schemas.js';

export function reportRoutes(app: UseCases): Router {
  const r = Router({ mergeParams: true });
  r.get('/stats', authorize(app, 'staff', 'supervisor', 'admin'), async (_req, res) => {
    res.json(await app.reports.stats(userOf(res)));
  });
  r.get('/ikm', authorize(app, 'supervisor', 'admin'), async (req, res) => {
    res.json(await app.reports.ikm(userOf(res), ikmQuery.parse(req.query)));
  });
  return r;
}
