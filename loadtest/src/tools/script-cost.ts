/**
 * Where a ticket cycle's Redis CPU goes: runs N cycles (issue, call-next, start, finish)
 * through the engine's in-process use cases on a private redis-server, then prints Redis
 * CPU per cycle (used_cpu_sys + used_cpu_user delta) and INFO commandstats per command
 * (calls per cycle, usec per call, usec per cycle), and the stream bytes per event.
 *   npx tsx src/tools/script-cost.ts [--cycles 20000] [--concurrency 50]
 */
import { execSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadScripts } from '../../../engine/src/store/scripts.js';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { num, parseArgs } from '../lib/args.js';
import { sampleRedis } from '../lib/redis-stats.js';
import { writeSiteCopies } from '../lib/sites.js';
import { desksOf, inProcessEngine } from '../bench/engine-cycle.js';
import { runIfMain } from '../lib/cli-main.js';

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const total = num(flags, 'cycles', 20000);
  const concurrency = num(flags, 'concurrency', 50);
  const redis = typeof flags['redis-url'] === 'string' ? { url: flags['redis-url'], stop: async () => undefined } : await startRedis();
  const sites = writeSiteCopies(2);
  try {
    const p = await inProcessEngine(redis.url, sites.dir);
    const desks = desksOf(p.app, sites.ids, concurrency);
    for (const d of desks) await p.store.updateCounter(d.siteId, d.counterId, { status: 'open' });
    const run = async (n: number): Promise<number> => {
      let started = 0;
      let done = 0;
      await Promise.all(
        desks.map(async (d) => {
          while (started < n) {
            started++;
            await p.store.issue(d.siteId, { serviceId: d.serviceId, channel: 'kiosk' });
            const t = await p.store.callNext(d.siteId, d.counterId);
            if (!t) continue;
            await p.store.start(d.siteId, t.id);
            await p.store.finish(d.siteId, t.id);
            done++;
          }
        }),
      );
      return done;
    };
    await run(num(flags, 'warmup', Math.min(2000, total / 10)));
    const slowlog = flags.slowlog === true || flags.slowlog === 'true';
    if (slowlog) await p.redis.config('SET', 'slowlog-log-slower-than', '0');
    await p.redis.config('SET', 'slowlog-max-len', String(total * 5));
    await p.redis.slowlog('RESET');
    const pid = /process_id:(\d+)/.exec(await p.redis.info('server'))?.[1];
    const perfArgs = typeof flags.perf === 'string' ? ['record', '-F', '2000', '-g', '-p', String(pid), '-o', flags.perf] : flags.perfstat ? ['stat', '-e', 'instructions,task-clock', '-x', ',', '-o', '/tmp/perfstat.txt', '-p', String(pid)] : null;
    const perf = perfArgs ? spawn('perf', perfArgs, { stdio: 'inherit' }) : null;
    if (perf) await new Promise((r) => setTimeout(r, 300));
    if (typeof flags['before-measure'] === 'string') execSync(flags['before-measure'], { stdio: 'inherit' });
    const a = await sampleRedis(redis.url);
    const t0 = performance.now();
    const cycles = await run(total);
    const secs = (performance.now() - t0) / 1000;
    const b = await sampleRedis(redis.url);
    if (typeof flags['after-measure'] === 'string') execSync(flags['after-measure'], { stdio: 'inherit' });
    if (perf) {
      perf.kill('SIGINT');
      await new Promise((r) => perf.once('exit', r));
      if (flags.perfstat) {
        const txt = readFileSync('/tmp/perfstat.txt', 'utf8');
        const ins = Number(/^([\d.]+),,instructions/m.exec(txt)?.[1] ?? NaN);
        console.log(`Redis instructions per cycle: ${Math.round(ins / cycles)} (${txt.split('\n').filter((l) => /instructions|task-clock/.test(l)).join(' | ')})`);
      }
    }
    console.log(`${cycles} cycles in ${secs.toFixed(1)} s (${Math.round(cycles / secs)}/s); Redis CPU ${((b.cpuMs - a.cpuMs) / cycles).toFixed(4)} ms/cycle`);
    const rows: [string, number, number, number][] = [];
    let sum = 0;
    for (const [k, v] of b.commands) {
      const o = a.commands.get(k) ?? { calls: 0, usec: 0 };
      const calls = v.calls - o.calls;
      if (calls <= 0) continue;
      const usec = v.usec - o.usec;
      sum += usec;
      rows.push([k, calls / cycles, usec / calls, usec / cycles]);
    }
    rows.sort((x, y) => y[3] - x[3]);
    console.log('command            calls/cycle  usec/call  usec/cycle');
    for (const [k, c, u, pc] of rows) console.log(`${k.padEnd(18)} ${c.toFixed(2).padStart(11)} ${u.toFixed(2).padStart(10)} ${pc.toFixed(2).padStart(11)}`);
    console.log(`commandstats total ${(sum / cycles).toFixed(1)} usec/cycle`);
    const names = new Map<string, string>();
    for (const sc of loadScripts()) names.set(createHash('sha1').update(sc.lua).digest('hex'), sc.verb);
    const log = (slowlog ? await p.redis.slowlog('GET', -1) : []) as [number, number, number, string[]][];
    const per = new Map<string, { n: number; us: number }>();
    for (const [, , us, args] of log) {
      const name = args[0]?.toLowerCase() === 'evalsha' ? names.get(args[1] ?? '') ?? args[1] ?? '?' : (args[0] ?? '?').toLowerCase();
      const e = per.get(name) ?? { n: 0, us: 0 };
      e.n++;
      e.us += us;
      per.set(name, e);
    }
    console.log('slowlog (wall usec incl. nested commands): name  calls/cycle  usec/call');
    for (const [k, v] of [...per].sort((x, y) => y[1].us - x[1].us)) console.log(`  ${k.padEnd(20)} ${(v.n / cycles).toFixed(2).padStart(6)} ${(v.us / v.n).toFixed(1).padStart(8)}`);
    const site = sites.ids[0] as string;
    const streamKey = (await p.redis.keys(`*${site}*events`))[0];
    if (streamKey) {
      const last = (await p.redis.xrevrange(streamKey, '+', '-', 'COUNT', 8)) as [string, string[]][];
      for (const [id, f] of last.reverse()) console.log(`${id} ${(f[1] ?? '').length} B ${(f[1] ?? '').slice(0, 300)}`);
    }
    p.close();
  } finally {
    sites.remove();
    await redis.stop();
  }
}

runIfMain(import.meta.url, main);
