/** Counters: list, open/pause/close, service tiers, call-next and call-ticket. */
import { Router } from 'express';
import { sendJson, type HotRoute } from '../hot-path.js';
import type { UseCases } from '../../app/use-cases.js';
import { authorize, userOf } from '../auth.js';
import { counterDefPatch, strandedQuery } from '../admin-schemas.js';
import { callNextBody, callTicketBody, counterPatch, idParam, parseId } from '../schemas.js';

/** `call-next`, sent after every ticket: served by the hot path (../hot-path.ts) and mounted by the router alike. */
export function hotCounterRoutes(app: UseCases): HotRoute[] {
  const staff = authorize(app, 'staff', 'supervisor', 'admin');
  return [
    {
      method: 'post',
      path: '/:counter/call-next',
      handlers: [
        staff,
        async (req, res) => {
          const counterId = parseId(req.params.counter);
          // No body (what a desk sends) is `{}`: no schema to run.
          const { finishCurrent } = req.body === undefined ? {} : callNextBody.parse(req.body);
          const user = userOf(res);
          sendJson(res, 200, finishCurrent ? await app.callNext.finishAndNext(user, counterId) : await app.callNext.next(user, counterId));
        },
      ],
    },
  ];
}

export function counterRoutes(app: UseCases, hot: HotRoute[] = hotCounterRoutes(app)): Router {
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

  for (const h of hot) r[h.method](h.path, ...h.handlers);

  r.post('/:counter/call-ticket', staff, async (req, res) => {
    const counterId = idParam.parse(req.params.counter);
    const { ticketId } = callTicketBody.parse(req.body);
    res.json(await app.callNext.ticket(userOf(res), counterId, ticketId));
  });
  return r;
}
