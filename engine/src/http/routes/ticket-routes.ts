/** Tickets of a site: issue, list, and the transitions of the action table. */
import { Router, type RequestHandler } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { SIMPLE_TICKET_ACTIONS } from '../../protocol/index.js';
import { authorize, userOf } from '../auth.js';
import { sendJson, type HotRoute } from '../hot-path.js';
import type { Limits } from '../rate-limit.js';
import { DEFAULT_TICKET_PAGE, idempotencyKey, idParam, issueBody, parseId, ticketQuery, transferBody } from '../schemas.js';

/** The routes every kiosk and desk sends all day: served by the hot path (../hot-path.ts) and mounted by the router alike. */
export function hotTicketRoutes(app: UseCases, limits: Limits): HotRoute[] {
  const staff = authorize(app, 'staff', 'supervisor', 'admin');
  const issue: RequestHandler = async (req, res) => {
    const input = issueBody.parse(req.body);
    const rawKey = req.get('Idempotency-Key');
    const key = rawKey === undefined ? undefined : idempotencyKey.parse(rawKey);
    const { ticket, replay, seq } = await app.issueTicket.run(userOf(res), input, key);
    sendJson(res, replay ? 200 : 201, { ticket, ...(seq !== undefined ? { seq } : {}) });
  };
  return [
    { method: 'post', path: '/', handlers: [authorize(app, 'kiosk', 'staff', 'supervisor', 'admin'), limits.issueGate(), issue] },
    ...SIMPLE_TICKET_ACTIONS.map(
      (action): HotRoute => ({
        method: 'post',
        path: `/:id/${action}`,
        handlers: [
          staff,
          async (req, res) => {
            sendJson(res, 200, await app.actOnTicket.run(userOf(res), action, parseId(req.params.id)));
          },
        ],
      }),
    ),
  ];
}

export function ticketRoutes(app: UseCases, limits: Limits, hot: HotRoute[] = hotTicketRoutes(app, limits)): Router {
  const r = Router({ mergeParams: true });
  const staff = authorize(app, 'staff', 'supervisor', 'admin');
  for (const h of hot) r[h.method](h.path, ...h.handlers);

  r.get('/', staff, async (req, res) => {
    const { limit, cursor, ...filter } = ticketQuery.parse(req.query);
    res.json(await app.listTickets.page(userOf(res), filter, limit ?? DEFAULT_TICKET_PAGE, cursor));
  });

  r.post('/:id/transfer', staff, async (req, res) => {
    const id = idParam.parse(req.params.id);
    const b = transferBody.parse(req.body);
    res.json(await app.actOnTicket.transfer(userOf(res), id, b.serviceId, b.position ?? 'keep'));
  });
  return r;
}
