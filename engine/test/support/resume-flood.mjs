// An attacker in its own process: N sockets on one status token, each asking `resume {sinceSeq: 0}`
// 10 at a time, for `ms`. Prints {events, refused, answered} as JSON on exit.
// Usage: node resume-flood.mjs <url> <token> <sockets> <ms>
import { io } from 'socket.io-client';

const [url, token, n = '2', ms = '3000'] = process.argv.slice(2);
let events = 0;
let refused = 0;
let answered = 0;
let running = true;
const sockets = Array.from({ length: Number(n) }, () => io(`${url}/public`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }));
await Promise.all(sockets.map((s) => new Promise((r) => s.once('connect', r))));
for (const s of sockets) s.on('event', () => events++);
process.stdout.write('ready\n');
setTimeout(() => (running = false), Number(ms));
await Promise.all(
  sockets.map(async (s) => {
    while (running && s.connected) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          new Promise((r) =>
            s.timeout(3000).emit('resume', { sinceSeq: 0 }, (err, a) => {
              if (!err) answered++;
              if (!err && a?.error === 'RATE_LIMITED') refused++;
              r();
            }),
          ),
        ),
      );
    }
  }),
);
const closedByServer = sockets.filter((s) => !s.connected).length;
for (const s of sockets) s.close();
process.stdout.write(JSON.stringify({ events, refused, answered, closedByServer }) + '\n');
