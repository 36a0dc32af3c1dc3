/**
 * `fanout`: N lobby display sockets (default 2,000) on one site; a counter
 * calls tickets one after another; each call's time from the counter's
 * request to its arrival at every display.
 */
import { login, openCounter } from '../lib/accounts.js';
import { num } from '../lib/args.js';
import { DisplayCrowd } from '../lib/displays.js';
import { measureFanout } from '../lib/fanout.js';
import { displayToken, kioskToken, writeSiteCopies } from '../lib/sites.js';
import type { ScenarioContext, ScenarioResult } from './common.js';
import { startStack } from './common.js';
import { engineCall } from './fanout-call.js';
import { finish } from './report.js';

export async function fanout(ctx: ScenarioContext): Promise<ScenarioResult> {
  const f = ctx.flags;
  const sockets = num(f, 'sockets', ctx.small ? 100 : 2000);
  const calls = num(f, 'calls', ctx.small ? 10 : 60);
  const intervalMs = num(f, 'interval', 200);
  const sites = writeSiteCopies(1);
  const siteId = sites.ids[0] as string;
  const params = { sockets, calls, intervalMs, siteId };
  const stack = await startStack(sites.dir);
  const crowd = new DisplayCrowd({ url: stack.engine.url, tokenFor: displayToken, siteIds: [siteId], count: sockets });
  try {
    const staffToken = await login(stack.http, 'staff-3', siteId);
    await openCounter(stack.http, staffToken, siteId, '3');
    const t0 = Date.now();
    await crowd.connect();
    const connectSeconds = (Date.now() - t0) / 1000;
    const rssConnected = stack.engine.rssMb();
    const desk = { http: stack.http, siteId, counterId: '3', serviceId: 'ktp', kioskToken: kioskToken(siteId), staffToken };
    const started = Date.now();
    const fo = await measureFanout(crowd, calls, intervalMs, () => engineCall(desk));
    const wallSeconds = (Date.now() - started) / 1000;
    const result: ScenarioResult = {
      scenario: 'fanout',
      startedAt: new Date(started).toISOString(),
      small: ctx.small,
      wallSeconds,
      params,
      latency: fo.ms,
      latencyByKind: { 'call-to-screen': fo.ms },
      throughput: Math.round((fo.received / wallSeconds) * 10) / 10,
      errors: fo.missing ? { 'missing deliveries': fo.missing } : {},
      series: fo.series,
      fanout: { ...fo, series: undefined },
      connectSeconds,
      engineRssMb: { connected: rssConnected, end: stack.engine.rssMb() },
    };
    return finish(ctx, result, `fanout: ${sockets} displays, ${calls} calls`, [
      `deliveries ${fo.received}/${fo.expected} (missing ${fo.missing} over ${fo.incompleteCalls} calls, seq gaps ${fo.gaps}, disconnects ${JSON.stringify(fo.disconnects)}); sockets connected in ${connectSeconds} s`,
      `call-to-screen ms p50 ${fo.ms.p50} p95 ${fo.ms.p95} p99 ${fo.ms.p99} max ${fo.ms.max}; engine RSS ${rssConnected} MB`,
    ]);
  } finally {
    crowd.close();
    await stack.stop();
    sites.remove();
  }
}
