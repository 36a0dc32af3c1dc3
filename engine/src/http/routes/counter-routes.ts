/** Counters: list, open/pause/close, service tiers, call-next and call-ticket. */
import { Router } from 'express';
import type { Engine } from '../../engine.js';
import { LoketError } from '../../errors.js';
import { agenciesOf, assertCounter, authorize, isManager, userOf } from '../auth.js';
import { callNextBody, callTicketBody, counterPatch, idParam } from '../schemas.js';

export function counterRoutes(engine: Engine): Router {
  const r = Router({ mergeParams: true });
  const { store } = engine;
  const staff = authorize(engine, 'staff', 'supervisor', 'admin');

  r.get('/', staff, async (_req, res) => {
    const site = store.site(userOf(res).siteId);
    res.json({ counters: await engine.queries.counters(site) });
  });

  r.patch('/:counter', staff, async (req, res) => {
    const user = userOf(res);
    const counterId = idParam.parse(req.params.counter);
    const change = counterPatch.parse(req.body);
    const site = store.site(user.siteId);
    store.assertCounter(site, counterId);
    if (!isManager(user)) {
      assertCounter(user, counterId);
      if (change.services) throw new LoketError('FORBIDDEN', 'Only a supervisor changes the services of a counter');
    }
    res.json({ counter: await store.updateCounter(site.id, counterId, change) });
  });

  r.post('/:counter/call-next', staff, async (req, res) => {
    const user = userOf(res);
    const counterId = idParam.parse(req.params.counter);
    const site = store.site(user.siteId);
    store.assertCounter(site, counterId);
    assertCounter(user, counterId);
    const { finishCurrent } = callNextBody.parse(req.body ?? {});
    if (finishCurrent) {
      res.json(await store.finishAndCallNext(site.id, counterId, agenciesOf(user)));
      return;
    }
    res.json({ ticket: await store.callNext(site.id, counterId) });
  });

  r.post('/:counter/call-ticket', staff, async (req, res) => {
    const user = userOf(res);
    const counterId = idParam.parse(req.params.counter);
    const { ticketId } = callTicketBody.parse(req.body);
    const site = store.site(user.siteId);
    store.assertCounter(site, counterId);
    assertCounter(user, counterId);
    res.json({ ticket: await store.callTicket(site.id, counterId, ticketId, agenciesOf(user)) });
  });
  return r;
}
