// An attacker in its own process: N sockets on one status token, each asking `resume {sinceSeq: 0}`
// 10 at a time; a socket the server closes is opened again (after 20 ms, and again 20 ms after a
// refused handshake), as an attacker would, until `ms` have passed or `stop` comes on stdin
// (`pause` and `go` on stdin hold it and let it go again). Prints `ready` once the first sockets
// are connected, then on exit one JSON line:
// {events, refused, answered, closedByServer, handshakesRefused, connects}.
// Usage: node resume-flood.mjs <url> <token> <sockets> <ms>
import { io } from 'socket.io-client';

const [url, token, n = '2', ms = '3000'] = process.argv.slice(2);
const stats = { events: 0, refused: 0, answered: 0, closedByServer: 0, handshakesRefused: 0, connects: 0 };
let until = Date.now() + Number(ms);
let paused = false;
const sleep = (t) => new Promise((r) => setTimeout(r, t));
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  for (const cmd of d.split('\n')) {
    if (cmd === 'pause') paused = true;
    if (cmd === 'go') paused = false;
    if (cmd === 'stop') until = 0;
  }
});
const held = async () => {
  while (paused && Date.now() < until) await sleep(5);
};

/** Opens a socket; resolves with it once connected, or null when the handshake is refused. */
function open() {
  const s = io(`${url}/public`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  s.on('event', () => stats.events++);
  return new Promise((resolve) => {
    s.once('connect', () => {
      stats.connects++;
      resolve(s);
    });
    s.once('connect_error', () => {
      stats.handshakesRefused++;
      s.close();
      resolve(null);
    });
  });
}

async function flood(s) {
  while (Date.now() < until && s.connected) {
    await held();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        new Promise((r) =>
          s.timeout(3000).emit('resume', { sinceSeq: 0 }, (err, a) => {
            if (!err) stats.answered++;
            if (!err && a?.error === 'RATE_LIMITED') stats.refused++;
            r();
          }),
        ),
      ),
    );
  }
  if (!s.connected) stats.closedByServer++;
  s.close();
}

const first = await Promise.all(Array.from({ length: Number(n) }, () => open()));
process.stdout.write('ready\n');
await Promise.all(
  first.map(async (s) => {
    for (let sock = s; Date.now() < until; ) {
      if (sock) await flood(sock);
      if (Date.now() >= until) break;
      await sleep(20);
      await held();
      sock = Date.now() < until ? await open() : null;
    }
  }),
);
process.stdout.write(JSON.stringify(stats) + '\n');
process.exit(0);
