/** Outgoing webhooks (admin): endpoints, their delivery log, manual redelivery. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { webhookBody } from '../admin-schemas.js';
import { authorize, userOf } from '../auth.js';
import { idParam } from '../schemas.js';
import { z } from 'zod';

const msgParam = z.string().min(1).max(200).regex(/^[A-Za-z0-9_.-]+$/);

export function webhookRoutes(app: UseCases): Router {
  const r = Router({ mergeParams: true });
  const admin = authorize(app, 'admin');

  r.post('/', admin, async (req, res) => {
    res.status(201).json({ webhook: await app.webhooks.create(userOf(res), webhookBody.parse(req.body)) });
  });
  r.get('/', admin, async (_req, res) => {
    res.json({ webhooks: await app.webhooks.list(userOf(res)) });
  });
  r.delete('/:id', admin, async (req, res) => {
    await app.webhooks.remove(userOf(res), idParam.parse(req.params.id));
    res.status(204).end();
  });
  r.get('/:id/deliveries', admin, async (req, res) => {
    res.json({ deliveries: await app.webhooks.deliveries(userOf(res), idParam.parse(req.params.id)) });
  });
  r.post('/:id/deliveries/:msg/redeliver', admin, async (req, res) => {
    await app.webhooks.redeliver(userOf(res), idParam.parse(req.params.id), msgParam.parse(req.params.msg));
    res.status(202).json({ ok: true });
  });
  return r;
}
