/**
 * What the engine allocates per HTTP request (garbage included: what makes the GC work and
 * the heap grow under load): runs the bench's transition workload (issue, call-next, start,
 * finish) at one concurrency against an engine child with the memory probe, samples every
 * allocation with V8's sampling heap profiler (collected objects counted too), and prints the
 * bytes per request by allocating function and by package/file.
 *
 * With `--retained`: only what is still in the heap at the end (no major GC in between: what
 * survived the young generation, i.e. what the load promotes to old space).
 *
 *   npx tsx loadtest/src/bench/alloc-profile.ts [--c 16] [--seconds 8] [--top 40] [--retained] [--out /tmp/alloc.heapprofile] [--main <build's main.js>]
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { num, parseArgs } from '../lib/args.js';
import { runIfMain } from '../lib/cli-main.js';
import { ramp } from '../lib/closed-loop.js';
import { startEngine } from '../lib/engine-process.js';
import { HttpClient } from '../lib/http-client.js';
import { writeSiteCopies } from '../lib/sites.js';
import { prepareDesks, transitionWorker } from '../scenarios/transition-worker.js';
import { probeArgs } from './memory-bench.js';
import { origin } from './profile-http.js';

interface AllocNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocNode[];
}

/** Bytes allocated per function (self) and per origin, highest first. */
export function allocations(root: AllocNode): { byFunction: [string, number][]; byOrigin: [string, number][]; total: number } {
  const fn = new Map<string, number>();
  const org = new Map<string, number>();
  let total = 0;
  const walk = (n: AllocNode): void => {
    if (n.selfSize) {
      const f = n.callFrame;
      const o = f.url ? origin(f.url) : f.functionName || '(V8)';
      const key = `${f.functionName || '(anonymous)'} ${f.url ? `${o}:${f.lineNumber + 1}` : ''}`.trim();
      fn.set(key, (fn.get(key) ?? 0) + n.selfSize);
      org.set(o, (org.get(o) ?? 0) + n.selfSize);
      total += n.selfSize;
    }
    for (const c of n.children) walk(c);
  };
  walk(root);
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);
  return { byFunction: sorted(fn), byOrigin: sorted(org), total };
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const c = num(flags, 'c', 16);
  const seconds = num(flags, 'seconds', 8);
  const top = num(flags, 'top', 40);
  const out = resolve(typeof flags.out === 'string' ? flags.out : `/tmp/loket-alloc-${Date.now()}.heapprofile`);
  const redis = await startRedis();
  const sites = writeSiteCopies(10);
  try {
    const engine = await startEngine({ redisUrl: redis.url, siteFile: sites.dir, nodeArgs: probeArgs, ipc: true, ...(typeof flags.main === 'string' ? { main: flags.main } : {}) });
    const http = new HttpClient(engine.url, c + 8);
    let requests = 0;
    try {
      const desks = await prepareDesks(http, sites.ids, c);
      const work = transitionWorker(http, desks);
      // A short warm-up (JIT), then the sampled window.
      await ramp({ levels: [c], stepSeconds: 2, p99LimitMs: 1e9, warmupMs: 0, retryFailed: false }, work);
      await engine.ask({ cmd: 'alloc-start', interval: 8192, collected: !flags.retained });
      await ramp({ levels: [c], stepSeconds: seconds, p99LimitMs: 1e9, warmupMs: 0, retryFailed: false }, (i, record, active) =>
        work(i, (ms, at, tr, ok) => {
          requests++;
          record(ms, at, tr, ok);
        }, active),
      );
      await engine.ask({ cmd: 'alloc-stop', file: out }, 60_000);
    } finally {
      http.close();
      await engine.stop();
    }
    const a = allocations((JSON.parse(readFileSync(out, 'utf8')) as { head: AllocNode }).head);
    const per = (b: number): string => String(Math.round(b / Math.max(1, requests))).padStart(7);
    console.log(`\n${out}: ${requests} requests at c=${c}; ${per(a.total).trim()} bytes allocated per request (sampled)`);
    console.log(`\ntop ${top} allocating functions (bytes per request):`);
    for (const [k, v] of a.byFunction.slice(0, top)) console.log(`  ${per(v)}  ${k}`);
    console.log('\nby package / file (bytes per request):');
    for (const [k, v] of a.byOrigin.slice(0, top)) console.log(`  ${per(v)}  ${k}`);
  } finally {
    sites.remove();
    await redis.stop();
  }
}

runIfMain(import.meta.url, main);
