/**
 * Baseline: a bare Socket.IO broadcast. `POST /call` emits one event shaped
 * like the engine's `ticket.called` to every socket of `/display` and answers.
 * Nothing else: no auth, no Redis. Prints `PORT <n>` on stdout.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import express from 'express';
import { Server } from 'socket.io';

const app = express();
app.use(express.json({ limit: '16kb' }));
const http = createServer(app);
const io = new Server(http, { pingInterval: 20_000, pingTimeout: 20_000 });
const nsp = io.of('/display');
let seq = 0;
nsp.on('connection', (socket) => {
  socket.emit('snapshot', { seq, calls: [], counters: [], waiting: {} });
});
app.post('/call', (_req, res) => {
  seq++;
  const now = new Date().toISOString();
  const ticket = {
    id: randomBytes(12).toString('base64url'),
    number: `A-${String(seq % 1000).padStart(3, '0')}`,
    siteId: 'bare',
    serviceId: 'ktp',
    agencyId: 'dukcapil',
    state: 'called',
    priority: 'regular',
    channel: 'kiosk',
    createdAt: now,
    calledAt: now,
    counterId: '3',
    recallCount: 0,
  };
  nsp.emit('event', { seq, type: 'ticket.called', at: now, siteId: 'bare', ticket, counterId: '3', waiting: { ktp: 0 } });
  res.json({ ticket });
});
http.listen(0, '127.0.0.1', () => {
  const a = http.address();
  console.log(`PORT ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => {
  io.close();
  http.close(() => process.exit(0));
});
