/**
 * Bench 3: call-to-screen with N display sockets, engine against a bare
 * Socket.IO broadcast server, measured the same way (send time of the
 * calling request at the client to receipt at each display, one clock).
 */
import { performance } from 'node:perf_hooks';
import { login, openCounter } from '../lib/accounts.js';
import { DisplayCrowd } from '../lib/displays.js';
import { measureFanout, type FanoutResult } from '../lib/fanout.js';
import { HttpClient } from '../lib/http-client.js';
import { displayToken, kioskToken } from '../lib/sites.js';
import { engineCall } from '../scenarios/fanout-call.js';
import { startChildServer } from './child-server.js';

export interface FanoutBench {
  sockets: number;
  calls: number;
  intervalMs: number;
}

export type FanoutOut = Omit<FanoutResult, 'series'> & { rssMb: number; rssBeforeSocketsMb?: number };

export async function bareFanout(o: FanoutBench): Promise<FanoutOut> {
  const server = await startChildServer('bare-broadcast-server');
  const http = new HttpClient(server.url, 4);
  const crowd = new DisplayCrowd({ url: server.url, tokenFor: () => 'none', siteIds: ['bare'], count: o.sockets });
  try {
    await crowd.connect();
    const r = await measureFanout(crowd, o.calls, o.intervalMs, async () => {
      const sentAt = performance.now();
      const res = await http.expect<{ ticket: { id: string } }>('POST', '/call', [200], { body: {} });
      return { key: `${res.body.ticket.id}:0`, sentAt };
    });
    const { series, ...rest } = r;
    void series;
    return { ...rest, rssMb: server.rssMb() };
  } finally {
    crowd.close();
    http.close();
    await server.stop();
  }
}

/** Against the running engine; also reads its RSS while the sockets are connected. */
export async function engineFanout(url: string, siteId: string, rssMb: () => number, o: FanoutBench): Promise<FanoutOut> {
  const http = new HttpClient(url, 4);
  const crowd = new DisplayCrowd({ url, tokenFor: displayToken, siteIds: [siteId], count: o.sockets });
  try {
    const staffToken = await login(http, 'staff-3', siteId, 9000);
    await openCounter(http, staffToken, siteId, '3');
    const rssBeforeSocketsMb = rssMb();
    await crowd.connect();
    const desk = { http, siteId, counterId: '3', serviceId: 'ktp', kioskToken: kioskToken(siteId), staffToken };
    const r = await measureFanout(crowd, o.calls, o.intervalMs, () => engineCall(desk));
    const { series, ...rest } = r;
    void series;
    return { ...rest, rssMb: rssMb(), rssBeforeSocketsMb };
  } finally {
    crowd.close();
    http.close();
  }
}
