/** Management figures: live stats, daily reports (JSON or CSV), staffing advice and the IKM index and report. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { authorize, userOf } from '../auth.js';
import { commentPatch, dailyQuery, ikmReportQuery } from '../report-schemas.js';
import { idParam, ikmQuery } from '../schemas.js';

export function reportRoutes(app: UseCases): Router {
  const r = Router({ mergeParams: true });
  const staff = authorize(app, 'staff', 'supervisor', 'admin');
  r.get('/stats', staff, async (_req, res) => {
    res.json(await app.reports.stats(userOf(res)));
  });
  r.get('/ikm', authorize(app, 'supervisor', 'admin'), async (req, res) => {
    res.json(await app.reports.ikm(userOf(res), ikmQuery.parse(req.query)));
  });
  r.get('/reports/daily', staff, async (req, res) => {
    const q = dailyQuery.parse(req.query);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv; charset=utf-8').send(await app.dailyReports.csv(userOf(res), q));
      return;
    }
    res.json(await app.dailyReports.daily(userOf(res), q));
  });
  r.get('/staffing', staff, async (_req, res) => {
    res.json(await app.staffing.advise(userOf(res)));
  });
  r.get('/ikm/report', staff, async (req, res) => {
    res.json(await app.ikmReports.report(userOf(res), ikmReportQuery.parse(req.query)));
  });
  r.patch('/ikm/comments/:ticketId', staff, async (req, res) => {
    res.json({ comment: await app.ikmReports.updateComment(userOf(res), idParam.parse(req.params.ticketId), commentPatch.parse(req.body)) });
  });
  return r;
}
