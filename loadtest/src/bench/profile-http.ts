/**
 * Where the engine's CPU per HTTP request goes: runs the bench's transition
 * workload (issue, call-next, start, finish) at one concurrency against an
 * engine child started with `node --cpu-prof`, stops it, and prints the top
 * self-time functions and the self time by package/file of the profile.
 *
 * Also the CPU by area (routing, body parsing, auth, ioredis, the event tail, GC, ...).
 *
 *   npx tsx loadtest/src/bench/profile-http.ts [--c 32] [--seconds 10] [--top 30] [--out /tmp/prof] [--main <other build's main.js>]
 *
 * The profile (.cpuprofile) stays in --out, to open in Chrome DevTools.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { num, parseArgs } from '../lib/args.js';
import { ramp } from '../lib/closed-loop.js';
import { startEngine } from '../lib/engine-process.js';
import { HttpClient } from '../lib/http-client.js';
import { writeSiteCopies } from '../lib/sites.js';
import { prepareDesks, transitionWorker } from '../scenarios/transition-worker.js';
import { runIfMain } from '../lib/cli-main.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Where a frame comes from: an npm package, a file of the engine, node's internals, or V8 (GC, idle, program). */
export function origin(url: string): string {
  if (!url) return '(native/V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*/, 'node:internal/$1');
  const m = /engine\/dist\/(.*)$/.exec(url);
  return m ? `engine/${m[1]}` : url.replace(/^file:\/\//, '');
}

/**
 * Self time per function and per origin, from the samples, highest first. Idle time left out.
 * With `window` (ms since the profile's start), only the samples in it (the load, not start-up).
 */
export function selfTimes(p: CpuProfile, window?: [number, number]): { byFunction: SelfTime[]; byOrigin: SelfTime[]; busyMs: number; idleMs: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const org = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let t = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    if (!n || (window && (t < window[0] || t > window[1]))) return;
    const f = n.callFrame;
    if (f.functionName === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    const file = f.url ? `${origin(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${file}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + dt);
    const o = f.url ? origin(f.url) : f.functionName;
    org.set(o, (org.get(o) ?? 0) + dt);
  });
  const list = (m: Map<string, number>): SelfTime[] =>
    [...m.entries()].map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / Math.max(1, busy)) * 1000) / 10 })).sort((a, b) => b.ms - a.ms);
  return { byFunction: list(fn), byOrigin: list(org), busyMs: Math.round(busy), idleMs: Math.round(idle) };
}

/** The area a frame belongs to, by where it comes from (origin()); null for node's own internals, which take their caller's area. */
function areaOf(o: string, fn: string): string | null {
  if (/^node:_http_/.test(o)) return 'node HTTP server (parse, headers, answer write)';
  if (o.startsWith('node:') || o === '(native/V8)' || o === '') return null;
  if (/^engine\/http\/(hot-path|deadline)|^(router|express|path-to-regexp|parseurl|finalhandler|on-finished|debug)$/.test(o)) return 'express/router dispatch, res.json, deadline';
  if (o === 'engine/http/app.js') return 'express/router dispatch, res.json, deadline';
  if (o === 'helmet') return 'helmet headers';
  if (/^(body-parser|raw-body|iconv-lite|type-is|content-type|media-typer|bytes)$/.test(o)) return 'body parsing';
  if (/^engine\/http\/(auth|rate-limit)|^rate-limiter-flexible$|^engine\/(store\/session-store|app\/sessions)/.test(o)) return 'auth + rate limits';
  if (o === 'zod' || o.startsWith('engine/http/schemas')) return 'validation (zod)';
  // engine/redis-connection: the command connection's writes, sent at the end of each event-loop turn (coalesceWrites).
  if (/^(ioredis|redis-parser|standard-as-callback|cluster-key-slot|denque)$|^engine\/redis-connection/.test(o)) return 'ioredis (commands, replies, socket writes)';
  if (/^engine\/(store|app|domain)\/|^msgpackr$|^engine\/http\/routes/.test(o)) return 'use cases, stores, mapping';
  void fn;
  return 'other';
}

/**
 * CPU by area, from the samples: a sample belongs to the event tail or the report catch-up when
 * one of those is on its stack, else to the nearest frame (leaf first) that is not node's own
 * (node's HTTP code is an area of its own); GC and native frames apart.
 */
export function areas(p: CpuProfile, window?: [number, number]): SelfTime[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, string>();
  const areaOfNode = (id: number): string => {
    const hit = memo.get(id);
    if (hit) return hit;
    const stack: ProfileNode[] = [];
    for (let i: number | undefined = id; i !== undefined; i = parent.get(i)) stack.push(byId.get(i)!);
    let a: string | null = null;
    if (stack.some((n) => /realtime\/event-tail|store\/event-log/.test(n.callFrame.url))) a = 'event tail + its listeners (XREAD, decode, deliver)';
    else if (stack.some((n) => /store\/report-store/.test(n.callFrame.url))) a = 'report figures (catch-up of the event log)';
    else if (stack.some((n) => /node_modules\/bullmq/.test(n.callFrame.url))) a = 'jobs (BullMQ)';
    const leaf = stack[0]!.callFrame;
    if (!a && leaf.functionName === '(garbage collector)') a = 'GC';
    if (!a) for (const n of stack) if ((a = areaOf(n.callFrame.url ? origin(n.callFrame.url) : '', n.callFrame.functionName))) break;
    a ??= 'node internals (streams, timers, microtasks)';
    memo.set(id, a);
    return a;
  };
  const m = new Map<string, number>();
  let busy = 0;
  let t = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    const n = byId.get(id);
    if (!n || (window && (t < window[0] || t > window[1])) || n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') return;
    busy += dt;
    const a = areaOfNode(id);
    m.set(a, (m.get(a) ?? 0) + dt);
  });
  return [...m].map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / Math.max(1, busy)) * 1000) / 10 })).sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const c = num(flags, 'c', 32);
  const seconds = num(flags, 'seconds', 10);
  const top = num(flags, 'top', 30);
  const out = resolve(typeof flags.out === 'string' ? flags.out : `/tmp/loket-prof-${Date.now()}`);
  mkdirSync(out, { recursive: true });
  const redis = await startRedis();
  const sites = writeSiteCopies(10);
  try {
    const spawnedAt = performance.now();
    const engine = await startEngine({ redisUrl: redis.url, siteFile: sites.dir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${out}`], ...(typeof flags.main === 'string' ? { main: flags.main } : {}) });
    const http = new HttpClient(engine.url, c + 8);
    let requests = 0;
    let cpu0 = 0;
    // The load's window in ms since the spawn (the profile starts a few ms later: close enough).
    let loadFrom = 0;
    let loadTo = Number.POSITIVE_INFINITY;
    try {
      const desks = await prepareDesks(http, sites.ids, c);
      cpu0 = engine.cpuMs();
      loadFrom = performance.now() - spawnedAt;
      const work = transitionWorker(http, desks);
      const r = await ramp({ levels: [c], stepSeconds: seconds, p99LimitMs: 1e9, warmupMs: 0, retryFailed: false, serverCpuMs: engine.cpuMs }, (i, record, active) =>
        work(i, (ms, at, tr, ok) => {
          requests++;
          record(ms, at, tr, ok);
        }, active),
      );
      void r;
      loadTo = performance.now() - spawnedAt;
    } finally {
      http.close();
    }
    const cpuMs = engine.cpuMs() - cpu0;
    await engine.stop();
    const file = readdirSync(out).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
    if (!file) throw new Error(`no .cpuprofile in ${out}: ${engine.output()}`);
    const p = JSON.parse(readFileSync(join(out, file), 'utf8')) as CpuProfile;
    const s = selfTimes(p, [loadFrom, loadTo]);
    const perReq = cpuMs / Math.max(1, requests);
    // Sample times are wall-clock: on a busy machine they include time the engine waited for a core,
    // so shares are what to read; us/request = share x the engine's measured CPU per request.
    const us = (share: number): string => String(Math.round(share * perReq * 10)).padStart(5);
    console.log(`\nprofile ${join(out, file)}: ${requests} requests at c=${c}; engine CPU ${Math.round(cpuMs)} ms = ${Math.round(perReq * 1000) / 1000} ms/request (profiler overhead included); samples in the load window: busy ${s.busyMs} ms, idle ${s.idleMs} ms`);
    console.log(`\ntop ${top} functions by self time (share of busy samples; us of CPU per request):`);
    for (const f of s.byFunction.slice(0, top)) console.log(`  ${String(f.share).padStart(5)}%  ${us(f.share)} us  ${f.name}`);
    console.log('\nby area (share of busy samples, excluding "(program)"; us of CPU per request):');
    for (const f of areas(p, [loadFrom, loadTo])) console.log(`  ${String(f.share).padStart(5)}%  ${us(f.share)} us  ${f.name}`);
    console.log('\nself time by package / file:');
    for (const f of s.byOrigin.slice(0, top)) console.log(`  ${String(f.share).padStart(5)}%  ${us(f.share)} us  ${f.name}`);
  } finally {
    sites.remove();
    await redis.stop();
  }
}

runIfMain(import.meta.url, main);
