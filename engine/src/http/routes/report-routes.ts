/** Management figures: live stats and the IKM satisfaction index. */
import { Router } from 'express';
import type { Engine } from '../../engine.js';
import { authorize, userOf } from '../auth.js';
import { ikmQuery } from '../schemas.js';

export function reportRoutes(engine: Engine): Router {
  const r = Router({ mergeParams: true });
  r.get('/stats', authorize(engine, 'staff', 'supervisor', 'admin'), async (_req, res) => {
    res.json(await engine.stats.stats(engine.store.site(userOf(res).siteId)));
  });
  r.get('/ikm', authorize(engine, 'supervisor', 'admin'), async (req, res) => {
    const q = ikmQuery.parse(req.query);
    const site = engine.store.site(userOf(res).siteId);
    const to = q.to ? Date.parse(q.to) + (q.to.length === 10 ? 86_400_000 - 1 : 0) : undefined;
    res.json(
      await engine.feedback.ikm(site, {
        ...(q.from ? { from: Date.parse(q.from) } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(q.agencyId ? { agencyId: q.agencyId } : {}),
        ...(q.serviceId ? { serviceId: q.serviceId } : {}),
      }),
    );
  });
  return r;
}
