/**
 * Profiles the in-process ticket cycle (issue, call-next, start, finish) with 50 counters
 * on a fresh redis-server. Prints cycles/s and the Redis server's CPU seconds, so one can
 * see whether Node or Redis is the bottleneck. Run with `--cpu-prof` to get a profile:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx engine/bench/cycle-profile.ts
 */
import { Redis } from 'ioredis';
import { createUseCases } from '../src/app/use-cases.js';
import { opsFor } from '../test/support/ops.js';
import { startRedis } from '../test/support/redis-server.js';
import { testSite } from '../test/support/harness.js';

const seconds = Number(process.argv[2] ?? 5);
const redis = await startRedis();
const conn = new Redis(redis.url, { enableAutoPipelining: true });
const counters = Array.from({ length: 50 }, (_, i) => `c${i + 1}`);
const site = testSite((s) => {
  s.counters = counters.map((id) => ({ id, agencyId: 'dukcapil', services: [['ktp']] }));
  s.users = [];
});
const store = opsFor(await createUseCases({ redis: conn, sites: [site], ignoreHours: true }));
for (const c of counters) await store.updateCounter(site.id, c, { status: 'open' });
const cpu = async () => {
  const info = await conn.info('cpu');
  return Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]);
};
const cpu0 = await cpu();
const node0 = process.cpuUsage();
const t0 = performance.now();
const end = t0 + seconds * 1000;
let cycles = 0;
await Promise.all(
  counters.map(async (c) => {
    while (performance.now() < end) {
      await store.issue(site.id, { serviceId: 'ktp' });
      const t = await store.callNext(site.id, c);
      if (!t) continue;
      await store.start(site.id, t.id);
      await store.finish(site.id, t.id);
      cycles++;
    }
  }),
);
const secs = (performance.now() - t0) / 1000;
const nodeCpu = process.cpuUsage(node0);
console.log(
  JSON.stringify({
    cycles,
    seconds: Math.round(secs * 100) / 100,
    cyclesPerSecond: Math.round(cycles / secs),
    redisCpuSeconds: Math.round(((await cpu()) - cpu0) * 100) / 100,
    nodeCpuSeconds: Math.round(((nodeCpu.user + nodeCpu.system) / 1e6) * 100) / 100,
  }),
);
if (process.env.COMMANDSTATS) {
  const stats = (await conn.info('commandstats')).split('\n').filter((l) => /calls=/.test(l));
  const rows = stats.map((l) => {
    const m = /cmdstat_(\S+):calls=(\d+),usec=(\d+),usec_per_call=([\d.]+)/.exec(l)!;
    return { cmd: m[1] ?? "", calls: Number(m[2]), usec: Number(m[3]), perCall: Number(m[4]) };
  });
  rows.sort((a, b) => b.usec - a.usec);
  for (const r of rows.slice(0, 12)) console.log(`${r.cmd.padEnd(14)} calls ${String(r.calls).padStart(8)}  usec/call ${r.perCall}`);
}
conn.disconnect();
await redis.stop();
