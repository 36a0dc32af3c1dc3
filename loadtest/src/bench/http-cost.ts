/**
 * What one HTTP transition costs the engine and Redis: runs the bench's transition workload
 * (issue, call-next, start, finish) at a few concurrencies against an engine child, and prints
 * per level the engine's CPU per request (from /proc), the Redis commands per request (INFO
 * commandstats) and the engine's idle CPU (no requests) before the load: a fixed background
 * cost shows as a CPU per request that falls as the rate rises. Before and after the load, the
 * engine's heap and RSS after a full GC (the memory bench's probe): what the HTTP path keeps.
 * `--heap-snapshots <dir>` writes a heap snapshot at both points (compare with heap-diff.ts).
 *
 *   npx tsx loadtest/src/bench/http-cost.ts [--levels 4,16,32] [--seconds 5] [--idle 3] [--main <other build's main.js>]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { num, parseArgs } from '../lib/args.js';
import { runIfMain } from '../lib/cli-main.js';
import { ramp } from '../lib/closed-loop.js';
import { startEngine } from '../lib/engine-process.js';
import { HttpClient } from '../lib/http-client.js';
import { costBetween, formatCost, sampleRedis } from '../lib/redis-stats.js';
import { writeSiteCopies } from '../lib/sites.js';
import { prepareDesks, transitionWorker } from '../scenarios/transition-worker.js';
import { probeArgs } from './memory-bench.js';

/** The process's resident memory by kind of mapping (/proc/<pid>/smaps): the brk heap (malloc's main arena), anonymous maps by size, files. */
export function rssByMapping(pid: number): string {
  const groups = new Map<string, number>();
  let kind = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = (parseInt(head[2] as string, 16) - parseInt(head[1] as string, 16)) / 1048576;
      const name = head[3] ?? '';
      kind = name === '[heap]' ? 'brk heap' : name === '' ? (size >= 60 ? 'anon >= 60 MB (malloc arenas)' : size >= 1 ? 'anon 1-60 MB' : 'anon < 1 MB') : name.startsWith('[') ? name : 'files';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) groups.set(kind, (groups.get(kind) ?? 0) + Number(rss[1]) / 1024);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
}

/** User and system CPU time of a process so far (ms), from /proc/<pid>/stat. */
function userSys(pid: number): [number, number] {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return [Number(f[11]) * 10, Number(f[12]) * 10];
}

/** CPU time (ms) of each thread of a process, with its name (main thread: the process's). */
function threads(pid: number): Map<string, { name: string; ms: number }> {
  const out = new Map<string, { name: string; ms: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out.set(tid, { name: tid === String(pid) ? 'main' : name, ms: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const levels = String(flags.levels ?? '4,16,32').split(',').map(Number);
  const seconds = num(flags, 'seconds', 5);
  const idle = num(flags, 'idle', 3);
  const redis = await startRedis();
  const sites = writeSiteCopies(10);
  const top = Math.max(...levels);
  try {
    const engine = await startEngine({ redisUrl: redis.url, siteFile: sites.dir, nodeArgs: probeArgs, ipc: true, ...(typeof flags.main === 'string' ? { main: flags.main } : {}) });
    const snapDir = typeof flags['heap-snapshots'] === 'string' ? flags['heap-snapshots'] : null;
    const memory = async (label: string): Promise<void> => {
      const r = await engine.ask<{ memory: NodeJS.MemoryUsage }>({ cmd: 'gc' }, 30_000);
      const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;
      const m = r.memory;
      console.log(`memory ${label}, after a full GC: heap used ${mb(m.heapUsed)} MB of ${mb(m.heapTotal)}, external ${mb(m.external)}, RSS ${engine.rssMb()} MB`);
      console.log(`  RSS by mapping: ${rssByMapping(engine.pid)}`);
      if (snapDir) console.log(`  heap snapshot ${(await engine.ask<{ file: string }>({ cmd: 'snapshot', file: `${snapDir}/${label.replace(/\W+/g, '-')}.heapsnapshot` }, 60_000)).file}`);
    };
    const http = new HttpClient(engine.url, top + 8);
    try {
      const desks = await prepareDesks(http, sites.ids, top);
      await sleep(500);
      await memory('before the load');
      const c0 = engine.cpuMs();
      await sleep(idle * 1000);
      console.log(`idle: engine ${Math.round(((engine.cpuMs() - c0) / idle / 10)) / 100} cores (${Math.round((engine.cpuMs() - c0) / idle)} ms CPU per s) with ${desks.length} desks logged in`);
      for (const c of levels) {
        const work = transitionWorker(http, desks.slice(0, c));
        let requests = 0;
        const r0 = await sampleRedis(redis.url);
        const cpu0 = engine.cpuMs();
        const [u0, s0] = userSys(engine.pid);
        await engine.ask({ cmd: 'gc-stats' });
        const th0 = threads(engine.pid);
        const t0 = performance.now();
        await ramp({ levels: [c], stepSeconds: seconds, p99LimitMs: 1e9, warmupMs: 0, retryFailed: false, serverCpuMs: engine.cpuMs }, (i, record, active) =>
          work(i, (ms, at, tr, ok) => {
            requests++;
            record(ms, at, tr, ok);
          }, active),
        );
        const [u1, s1] = userSys(engine.pid);
        const gc = (await engine.ask<{ gc: Record<string, { count: number; ms: number }> }>({ cmd: 'gc-stats' })).gc;
        console.log(`  GC on the main thread: ${Object.entries(gc).map(([k, g]) => `${k} ${g.count}x ${Math.round(g.ms)} ms`).join(', ')} (${Math.round((Object.values(gc).reduce((a, g) => a + g.ms, 0) / requests) * 1000)} us per request)`);
        const th1 = threads(engine.pid);
        const byName = new Map<string, number>();
        for (const [tid, t] of th1) byName.set(t.name, (byName.get(t.name) ?? 0) + t.ms - (th0.get(tid)?.ms ?? 0));
        console.log(`  engine CPU by thread (us per request): ${[...byName].sort((a, b) => b[1] - a[1]).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${Math.round((v / requests) * 1000)}`).join(', ')}`);
        console.log(`  engine CPU split: user ${Math.round(((u1 - u0) / requests) * 1000)} us + system ${Math.round(((s1 - s0) / requests) * 1000)} us per request`);
        const cost = costBetween(r0, await sampleRedis(redis.url), engine.cpuMs() - cpu0, (performance.now() - t0) / 1000, requests);
        console.log(formatCost(cost));
      }
      console.log(`engine RSS at the end of the load ${engine.rssMb()} MB`);
      if (flags['show-output']) console.log(`engine's last output:\n${engine.output()}`);
      await memory('after the load');
    } finally {
      http.close();
      await engine.stop();
    }
  } finally {
    sites.remove();
    await redis.stop();
  }
}

runIfMain(import.meta.url, main);
