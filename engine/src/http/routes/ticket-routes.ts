/** Tickets of a site: issue, list, and the transitions of design.md. */
import { Router, type Response } from 'express';
import { isOpen } from '../../domain/clock.js';
import type { Engine } from '../../engine.js';
import { LoketError } from '../../errors.js';
import type { Channel, TicketDto } from '../../protocol/index.js';
import { agenciesOf, authorize, isManager, userOf } from '../auth.js';
import { idempotencyKey, idParam, issueBody, ticketQuery, transferBody } from '../schemas.js';

const ACTIONS = ['recall', 'start', 'finish', 'no-show', 'cancel', 'requeue'] as const;
type Action = (typeof ACTIONS)[number];

export function ticketRoutes(engine: Engine): Router {
  const r = Router({ mergeParams: true });
  const { store } = engine;
  const siteOf = (res: Response) => store.site(userOf(res).siteId);

  r.post('/', authorize(engine, 'kiosk', 'staff', 'supervisor', 'admin'), async (req, res) => {
    const input = issueBody.parse(req.body);
    const rawKey = req.get('Idempotency-Key');
    const key = rawKey === undefined ? undefined : idempotencyKey.parse(rawKey);
    const site = siteOf(res);
    if (!engine.ignoreHours && !isOpen(site.def.hours, engine.clock(), site.def.timezone)) {
      throw new LoketError('SITE_CLOSED', 'The mall is closed now; tickets are issued during opening hours', { hours: site.def.hours });
    }
    const user = userOf(res);
    const channel: Channel = input.channel ?? (user.role === 'kiosk' ? 'kiosk' : 'counter');
    const { ticket, replay } = await store.issue(site.id, { ...input, channel }, key);
    res.status(replay ? 200 : 201).json({ ticket });
  });

  r.get('/', authorize(engine, 'staff', 'supervisor', 'admin'), async (req, res) => {
    const q = ticketQuery.parse(req.query);
    const user = userOf(res);
    const tickets = await engine.queries.listTickets(siteOf(res), {
      ...q,
      ...(isManager(user) ? {} : { agencyIds: user.agencyIds }),
    });
    res.json({ tickets });
  });

  const staff = authorize(engine, 'staff', 'supervisor', 'admin');


  for (const action of ACTIONS) {
    r.post(`/:id/${action}`, staff, async (req, res) => {
      const id = idParam.parse(req.params.id);
      const user = userOf(res);
      const ticket = await run(action, user.siteId, id, agenciesOf(user));
      res.json({ ticket });
    });
  }

  r.post('/:id/transfer', staff, async (req, res) => {
    const id = idParam.parse(req.params.id);
    const b = transferBody.parse(req.body);
    const user = userOf(res);
    res.json({ ticket: await store.transfer(user.siteId, id, b.serviceId, b.position ?? 'keep', agenciesOf(user)) });
  });

  function run(action: Action, siteId: string, id: string, agencies: readonly string[] | undefined): Promise<TicketDto> {
    switch (action) {
      case 'recall':
        return store.recall(siteId, id, agencies);
      case 'start':
        return store.start(siteId, id, agencies);
      case 'finish':
        return store.finish(siteId, id, agencies);
      case 'no-show':
        return store.noShow(siteId, id, agencies);
      case 'cancel':
        return store.cancel(siteId, id, agencies);
      case 'requeue':
        return store.requeue(siteId, id, agencies);
    }
  }
  return r;
}
