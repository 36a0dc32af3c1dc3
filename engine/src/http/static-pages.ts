/** Serves the built web clients and their pretty page URLs. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Response } from 'express';

export function staticPages(dirs: { displays: string; counter: string }): Router {
  const r = Router();
  r.use('/ui/displays', express.static(dirs.displays, { index: false, maxAge: '1h' }));
  r.use('/ui/counter', express.static(dirs.counter, { index: false, maxAge: '1h' }));

  const page = (dir: string, file: string) => (_req: unknown, res: Response) => {
    const path = join(dir, file);
    if (!existsSync(path)) {
      res.status(404).type('text/plain').send(`Not built: run "npm run build" (missing ${file})`);
      return;
    }
    res.sendFile(path);
  };
  r.get('/display/:displayId', page(dirs.displays, 'display.html'));
  r.get('/display', page(dirs.displays, 'display.html'));
  r.get('/kiosk', page(dirs.displays, 'kiosk.html'));
  r.get('/t/:token', page(dirs.displays, 'ticket.html'));
  r.get(['/booking', '/booking/:code'], page(dirs.displays, 'booking.html'));
  r.get('/counter', page(dirs.counter, 'counter.html'));
  r.get('/supervisor', page(dirs.counter, 'supervisor.html'));
  r.get('/report', page(dirs.counter, 'report.html'));
  r.get('/admin', page(dirs.counter, 'admin.html'));
  r.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Loket</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font:18px system-ui;max-width:40rem;margin:2rem auto;line-height:1.6">
<h1>Loket</h1><p>Mesin antrian Mal Pelayanan Publik / Public-service mall queue engine.</p>
<ul><li><a href="/booking">Booking online / Book online</a></li><li><a href="/kiosk">Kios tiket / Ticket kiosk</a></li><li><a href="/display/lobby">Layar lobi / Lobby display</a></li>
<li><a href="/counter">Meja loket / Counter desk</a></li><li><a href="/supervisor">Supervisor</a></li><li><a href="/report">Laporan / Report</a></li><li><a href="/admin">Administrasi / Admin</a></li>
<li><a href="/api/docs">API (OpenAPI)</a></li></ul></body></html>`);
  });
  return r;
}
