// k6 (v0.45 or later): lobby displays over WebSocket speaking Socket.IO's framing by hand (Engine.IO v4):
// open `0{...}`, connect to the namespace with `40/display,{"token":...}`, receive
// `42/display,["snapshot",...]` and `42/display,["event",...]`, answer pings `2` with `3`.
// One caller VU issues and calls a ticket every INTERVAL ms; each display measures the
// call's lag (receipt time minus the event's `at`, one machine, one clock).
//   k6 run -e BASE_URL=http://127.0.0.1:3000 -e SITE=mpp-demo -e DISPLAYS=2000 loadtest/k6/displays.js
// Options (-e): DISPLAYS (2000), SECONDS of calls (60), INTERVAL ms (200), WARMUP seconds for the
// displays to connect before the first call (10), DRAIN seconds they stay after the last (10),
// COUNTER (3), SERVICE (ktp).
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import ws from 'k6/ws';
import { BASE, DISPLAY_TOKEN, KIOSK_TOKEN, paths, post, staffLogin } from './lib/loket.js';

const DISPLAYS = Number(__ENV.DISPLAYS || 2000);
const SECONDS = Number(__ENV.SECONDS || 60);
const INTERVAL = Number(__ENV.INTERVAL || 200);
const COUNTER = __ENV.COUNTER || '3';
const SERVICE = __ENV.SERVICE || 'ktp';
const WARMUP = Number(__ENV.WARMUP || 10);
const DRAIN = Number(__ENV.DRAIN || 10);

const callLag = new Trend('call_to_screen_ms', true);
const received = new Counter('called_events_received');
const connected = new Rate('display_connected');
const gaps = new Counter('seq_gaps');

export const options = {
  scenarios: {
    displays: { executor: 'per-vu-iterations', exec: 'display', vus: DISPLAYS, iterations: 1, maxDuration: `${WARMUP + SECONDS + DRAIN + 30}s` },
    caller: { executor: 'constant-vus', exec: 'caller', vus: 1, duration: `${SECONDS}s`, startTime: `${WARMUP}s` },
  },
  thresholds: {
    call_to_screen_ms: ['p(95)<300', 'p(99)<500'],
    display_connected: ['rate>0.99'],
    seq_gaps: ['count<1'],
    http_req_failed: ['rate<0.01'],
  },
};

/** Logs the caller's staff in and opens its counter, holding nothing (lib/loket.js openCounters). */
export function setup() {
  return { staff: staffLogin(COUNTER) };
}

const NSP = '/display';

export function display() {
  const url = `${BASE.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  let lastSeq = -1;
  const res = ws.connect(url, {}, (socket) => {
    socket.on('message', (msg) => {
      if (msg === '2') return socket.send('3');
      if (msg[0] === '0') return socket.send(`40${NSP},${JSON.stringify({ token: DISPLAY_TOKEN })}`);
      if (msg.startsWith(`40${NSP},`)) return connected.add(1);
      if (msg.startsWith(`44${NSP},`)) {
        connected.add(0);
        return socket.close();
      }
      if (!msg.startsWith(`42${NSP},`)) return undefined;
      const [name, data] = JSON.parse(msg.slice(NSP.length + 3));
      if (name === 'snapshot') lastSeq = data.seq;
      if (name !== 'event' || data.seq <= lastSeq) return undefined;
      if (lastSeq >= 0 && data.seq !== lastSeq + 1) gaps.add(1);
      lastSeq = data.seq;
      if (data.type === 'ticket.called') {
        received.add(1);
        callLag.add(Date.now() - Date.parse(data.at));
      }
      return undefined;
    });
    socket.setTimeout(() => socket.close(), (WARMUP + SECONDS + DRAIN) * 1000);
  });
  check(res, { 'upgraded 101': (r) => r && r.status === 101 });
}

export function caller(data) {
  const t = post(paths.tickets(), { serviceId: SERVICE }, KIOSK_TOKEN, 'issue');
  if (t.status === 201) {
    const c = post(paths.callNext(COUNTER), undefined, data.staff, 'call-next');
    const ticket = c.status === 200 ? c.json('ticket') : null;
    if (ticket) {
      post(paths.ticket(ticket.id, 'start'), undefined, data.staff, 'start');
      post(paths.ticket(ticket.id, 'finish'), undefined, data.staff, 'finish');
    }
  }
  sleep(INTERVAL / 1000);
}
