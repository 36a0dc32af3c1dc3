/** Administration (admin): live config, agencies, services, counters, displays, hours, breaks, holidays, accounts, devices, audit. */
import { Router } from 'express';
import { auditCsv } from '../../app/audit-log.js';
import type { UseCases } from '../../app/use-cases.js';
import {
  accountBody,
  accountPatch,
  agencyBody,
  agencyPatch,
  auditQuery,
  breaksBody,
  counterBody,
  deviceBody,
  displayBody,
  displayPatch,
  holidayBody,
  holidayDateParam,
  holidayImportBody,
  hoursBody,
  serviceBody,
  servicePatch,
  strandedQuery,
  usernameParam,
} from '../admin-schemas.js';
import { authorize, userOf } from '../auth.js';
import { idParam } from '../schemas.js';

export function adminRoutes(app: UseCases): Router {
  const r = Router({ mergeParams: true });
  const admin = authorize(app, 'admin');

  r.get('/config', admin, (_req, res) => {
    const v = app.liveConfig.view(userOf(res));
    res.set('ETag', `"${v.version}"`).json(v.config);
  });
  r.put('/config', admin, async (req, res) => {
    const v = await app.liveConfig.put(userOf(res), req.body, strandedQuery.parse(req.query));
    res.set('ETag', `"${v.version}"`).set('Loket-Moved-Tickets', String(v.moved)).json(v.config);
  });

  r.post('/agencies', admin, async (req, res) => {
    await app.siteAdmin.createAgency(userOf(res), agencyBody.parse(req.body));
    res.status(201).json({ agency: app.siteInfo.of(userOf(res).siteId).agencies.find((a) => a.id === req.body.id) });
  });
  r.patch('/agencies/:id', admin, async (req, res) => {
    const id = idParam.parse(req.params.id);
    await app.siteAdmin.patchAgency(userOf(res), id, agencyPatch.parse(req.body));
    res.json({ agency: app.siteInfo.of(userOf(res).siteId).agencies.find((a) => a.id === id) });
  });

  r.post('/services', admin, async (req, res) => {
    res.status(201).json({ service: await app.siteAdmin.createService(userOf(res), serviceBody.parse(req.body)) });
  });
  r.patch('/services/:id', admin, async (req, res) => {
    res.json({ service: await app.siteAdmin.patchService(userOf(res), idParam.parse(req.params.id), servicePatch.parse(req.body)) });
  });

  // PATCH .../counters/:id lives in counter-routes.ts (live status and tiers; the definition for admins).
  r.post('/counters', admin, async (req, res) => {
    res.status(201).json({ counter: await app.siteAdmin.createCounter(userOf(res), counterBody.parse(req.body)) });
  });

  r.post('/displays', admin, async (req, res) => {
    res.status(201).json({ display: await app.siteAdmin.createDisplay(userOf(res), displayBody.parse(req.body)) });
  });
  r.patch('/displays/:id', admin, async (req, res) => {
    res.json({ display: await app.siteAdmin.patchDisplay(userOf(res), idParam.parse(req.params.id), displayPatch.parse(req.body)) });
  });
  r.delete('/displays/:id', admin, async (req, res) => {
    await app.siteAdmin.removeDisplay(userOf(res), idParam.parse(req.params.id));
    res.status(204).end();
  });

  r.put('/hours', admin, async (req, res) => {
    res.json({ hours: await app.siteCalendar.setHours(userOf(res), hoursBody.parse(req.body).hours) });
  });
  r.put('/breaks', admin, async (req, res) => {
    res.json({ breaks: await app.siteCalendar.setBreaks(userOf(res), breaksBody.parse(req.body).breaks) });
  });
  r.post('/holidays', admin, async (req, res) => {
    res.status(201).json({ holidays: await app.siteCalendar.putHoliday(userOf(res), holidayBody.parse(req.body)) });
  });
  r.post('/holidays/import', admin, async (req, res) => {
    const b = holidayImportBody.parse(req.body);
    res.json(await app.siteCalendar.importNational(userOf(res), b.year, b));
  });
  r.delete('/holidays/:date', admin, async (req, res) => {
    res.json({ holidays: await app.siteCalendar.removeHoliday(userOf(res), holidayDateParam.parse(req.params.date)) });
  });

  r.get('/accounts', admin, (_req, res) => {
    res.json({ accounts: app.accessAdmin.accounts(userOf(res)) });
  });
  r.post('/accounts', admin, async (req, res) => {
    res.status(201).json(await app.accessAdmin.createAccount(userOf(res), accountBody.parse(req.body)));
  });
  r.patch('/accounts/:username', admin, async (req, res) => {
    res.json({ account: await app.accessAdmin.patchAccount(userOf(res), usernameParam.parse(req.params.username), accountPatch.parse(req.body)) });
  });
  r.post('/accounts/:username/password-link', admin, async (req, res) => {
    res.status(201).json(await app.accessAdmin.passwordLink(userOf(res), usernameParam.parse(req.params.username)));
  });

  r.get('/devices', admin, (_req, res) => {
    res.json({ devices: app.accessAdmin.devices(userOf(res)) });
  });
  r.post('/devices', admin, async (req, res) => {
    res.status(201).json(await app.accessAdmin.createDevice(userOf(res), deviceBody.parse(req.body)));
  });
  r.delete('/devices/:id', admin, async (req, res) => {
    await app.accessAdmin.revokeDevice(userOf(res), idParam.parse(req.params.id));
    res.status(204).end();
  });

  r.get('/audit', authorize(app, 'admin', 'supervisor'), async (req, res) => {
    const q = auditQuery.parse(req.query);
    const entries = await app.audit.list(userOf(res), q);
    if (q.format === 'csv' || (q.format !== 'json' && req.accepts(['application/json', 'text/csv']) === 'text/csv')) {
      res.type('text/csv').set('Content-Disposition', `attachment; filename="audit-${userOf(res).siteId}.csv"`).send(auditCsv(entries));
      return;
    }
    res.json({ entries });
  });
  return r;
}
