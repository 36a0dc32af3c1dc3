/** Tickets of a site: issue, list, and the transitions of the action table. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { SIMPLE_TICKET_ACTIONS } from '../../protocol/index.js';
import { authorize, userOf } from '../auth.js';
import type { Limits } from '../rate-limit.js';
import { DEFAULT_TICKET_PAGE, idempotencyKey, idParam, issueBody, ticketQuery, transferBody } from '../schemas.js';

export function ticketRoutes(app: UseCases, limits: Limits): Router {
  const r = Router({ mergeParams: true });
  const staff = authorize(app, 'staff', 'supervisor', 'admin');

  r.post('/', authorize(app, 'kiosk', 'staff', 'supervisor', 'admin'), limits.issueGate(), async (req, res) => {
    const input = issueBody.parse(req.body);
    const rawKey = req.get('Idempotency-Key');
    const key = rawKey === undefined ? undefined : idempotencyKey.parse(rawKey);
    const { ticket, replay, seq } = await app.issueTicket.run(userOf(res), input, key);
    res.status(replay ? 200 : 201).json({ ticket, ...(seq !== undefined ? { seq } : {}) });
  });

  r.get('/', staff, async (req, res) => {
    const { limit, cursor, ...filter } = ticketQuery.parse(req.query);
    res.json(await app.listTickets.page(userOf(res), filter, limit ?? DEFAULT_TICKET_PAGE, cursor));
  });

  for (const action of SIMPLE_TICKET_ACTIONS) {
    r.post(`/:id/${action}`, staff, async (req, res) => {
      res.json(await app.actOnTicket.run(userOf(res), action, idParam.parse(req.params.id)));
    });
  }

  r.post('/:id/transfer', staff, async (req, res) => {
    const id = idParam.parse(req.params.id);
    const b = transferBody.parse(req.body);
    res.json(await app.actOnTicket.transfer(userOf(res), id, b.serviceId, b.position ?? 'keep'));
  });
  return r;
}
