/** Counters: list, open/pause/close, service tiers, call-next and call-ticket. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { authorize, userOf } from '../auth.js';
import { counterDefPatch, strandedQuery } from '../admin-schemas.js';
import { callNextBody, callTicketBody, counterPatch, idParam } from '../schemas.js';

export function counterRoutes(app: UseCases): Router {
  const r = Router({ mergeParams: true });
  const staff = authorize(app, 'staff', 'supervisor', 'admin');

  r.get('/', staff, async (_req, res) => {
    res.json({ counters: await app.listTickets.counters(userOf(res)) });
  });

  r.patch('/:counter', staff, async (req, res) => {
    const counterId = idParam.parse(req.params.counter);
    const user = userOf(res);
    const b = (req.body ?? {}) as Record<string, unknown>;
    // An admin's name, agencyId (and then services) edit the counter's definition; status and services alone the live counter.
    if (user.role === 'admin' && ('name' in b || 'agencyId' in b)) {
      const { status, ...def } = b;
      const patch = counterDefPatch.parse(def);
      await app.siteAdmin.patchCounter(user, counterId, patch, strandedQuery.parse(req.query));
      if (status !== undefined) await app.changeCounter.run(user, counterId, counterPatch.parse({ status }));
      res.json({ counter: (await app.listTickets.counters(user)).find((c) => c.id === counterId) });
      return;
    }
    const { counter, seq } = await app.changeCounter.run(user, counterId, counterPatch.parse(req.body));
    res.json({ counter, seq });
  });

  r.post('/:counter/call-next', staff, async (req, res) => {
    const counterId = idParam.parse(req.params.counter);
    const { finishCurrent } = callNextBody.parse(req.body ?? {});
    const user = userOf(res);
    res.json(finishCurrent ? await app.callNext.finishAndNext(user, counterId) : await app.callNext.next(user, counterId));
  });

  r.post('/:counter/call-ticket', staff, async (req, res) => {
    const counterId = idParam.parse(req.params.counter);
    const { ticketId } = callTicketBody.parse(req.body);
    res.json(await app.callNext.ticket(userOf(res), counterId, ticketId));
  });
  return r;
}
