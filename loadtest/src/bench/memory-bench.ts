/**
 * Bench 4c: the engine's memory per display socket, measured alone. A fresh
 * engine child (`--expose-gc`, the probe of memory-probe.cjs preloaded, IPC)
 * with nothing else running against it; display sockets of one site connect
 * in steps (0, 500, 1,000, 2,000 by default). At each step, after the sockets
 * have their snapshots and a short settle, the probe runs a full GC and
 * answers `process.memoryUsage()`; RSS is that of /proc. The slope (least
 * squares over the steps) is the cost of one more socket, in kB.
 * With `heapSnapshotDir`, a heap snapshot is written at the first and last step.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DisplayCrowd } from '../lib/displays.js';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { parseArgs } from '../lib/args.js';
import { ensureEngineBuilt, startEngine } from '../lib/engine-process.js';
import { displayToken, writeSiteCopies } from '../lib/sites.js';
import { startChildServer } from './child-server.js';
import { runIfMain } from '../lib/cli-main.js';

export interface MemoryStep {
  sockets: number;
  /** After a full GC, MB. */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  rssMb: number;
  heapSnapshot?: string;
}

export interface MemoryAlone {
  steps: MemoryStep[];
  /** Least-squares slope over the steps, kB per socket. */
  heapKbPerSocket: number;
  rssKbPerSocket: number;
  externalKbPerSocket: number;
  /** RSS and heap at the last step (MB). */
  rssMbAtMax: number;
  heapUsedMbAtMax: number;
  maxSockets: number;
}

const probe = fileURLToPath(new URL('./memory-probe.cjs', import.meta.url));
const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** A server under measurement: started with the probe preloaded and an IPC channel. */
interface Probed {
  url: string;
  rssMb(): number;
  ask<T = unknown>(msg: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** The node flags that load the probe. */
export const probeArgs = ['--expose-gc', '--require', probe];

/** The engine alone: a fresh child with the probe, display sockets of `siteId`. */
export async function memoryPerSocket(o: { redisUrl: string; siteDir: string; siteId: string; steps: number[]; settleMs?: number; heapSnapshotDir?: string }): Promise<MemoryAlone> {
  const engine = await startEngine({ redisUrl: o.redisUrl, siteFile: o.siteDir, nodeArgs: probeArgs, ipc: true });
  return measureSteps(engine, { tokenFor: displayToken, siteIds: [o.siteId] }, o.steps, o.settleMs ?? 1000, o.heapSnapshotDir, 'engine');
}

/** The baseline: the bare Socket.IO server of bench 3 (no auth, no Redis, a tiny snapshot), same clients. */
export async function bareMemoryPerSocket(o: { steps: number[]; settleMs?: number; heapSnapshotDir?: string }): Promise<MemoryAlone> {
  const server = await startChildServer('bare-broadcast-server', { nodeArgs: probeArgs, ipc: true });
  return measureSteps(server, { tokenFor: () => 'none', siteIds: ['bare'] }, o.steps, o.settleMs ?? 1000, o.heapSnapshotDir, 'bare');
}

async function measureSteps(engine: Probed, who: { tokenFor: (siteId: string) => string; siteIds: string[] }, steps0: number[], settleMs: number, heapSnapshotDir: string | undefined, label: string): Promise<MemoryAlone> {
  const o = { steps: steps0, settleMs, heapSnapshotDir };
  const crowds: DisplayCrowd[] = [];
  const steps: MemoryStep[] = [];
  const raw: NodeJS.MemoryUsage[] = [];
  try {
    let connected = 0;
    const last = o.steps[o.steps.length - 1];
    for (const target of o.steps) {
      if (target > connected) {
        const crowd = new DisplayCrowd({ url: engine.url, tokenFor: who.tokenFor, siteIds: who.siteIds, count: target - connected });
        crowds.push(crowd);
        await crowd.connect();
        connected = target;
      }
      await sleep(o.settleMs);
      const { memory: m } = await engine.ask<{ memory: NodeJS.MemoryUsage }>({ cmd: 'gc' });
      raw.push(m);
      const step: MemoryStep = { sockets: connected, heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), rssMb: engine.rssMb() };
      if (o.heapSnapshotDir && (target === o.steps[0] || target === last)) {
        const r = await engine.ask<{ file: string }>({ cmd: 'snapshot', file: join(o.heapSnapshotDir, `${label}-${connected}-sockets.heapsnapshot`) }, 180_000);
        step.heapSnapshot = r.file;
      }
      steps.push(step);
      console.log(`   ${label} ${String(connected).padStart(5)} sockets: heap used ${step.heapUsedMb} MB (total ${step.heapTotalMb}), external ${step.externalMb} MB, RSS ${step.rssMb} MB`);
    }
  } finally {
    for (const c of crowds) c.close();
    await engine.stop();
  }
  const xs = steps.map((s) => s.sockets);
  // kB per socket from the unrounded byte counts (RSS from /proc is in 0.1 MB steps).
  const kb = (ys: number[]): number => Math.round((slope(xs, ys) / 1024) * 100) / 100;
  const top = steps[steps.length - 1] as MemoryStep;
  return {
    steps,
    heapKbPerSocket: kb(raw.map((m) => m.heapUsed)),
    rssKbPerSocket: kb(steps.map((s) => s.rssMb * 1048576)),
    externalKbPerSocket: kb(raw.map((m) => m.external)),
    rssMbAtMax: top.rssMb,
    heapUsedMbAtMax: top.heapUsedMb,
    maxSockets: top.sockets,
  };
}

/**
 * `npx tsx loadtest/src/bench/memory-bench.ts [--steps 0,500,1000,2000] [--heap-snapshots <dir>]`:
 * the memory steps alone, on their own redis-server; then compare the snapshots with heap-diff.ts.
 */
async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const steps = typeof flags.steps === 'string' ? flags.steps.split(',').map(Number) : [0, 500, 1000, 2000];
  const dir = typeof flags['heap-snapshots'] === 'string' ? flags['heap-snapshots'] : undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  ensureEngineBuilt();
  const redis = await startRedis();
  const sites = writeSiteCopies(1);
  try {
    const r = await memoryPerSocket({ redisUrl: redis.url, siteDir: sites.dir, siteId: sites.ids[0] as string, steps, ...(dir ? { heapSnapshotDir: dir } : {}) });
    const b = await bareMemoryPerSocket({ steps, ...(dir ? { heapSnapshotDir: dir } : {}) });
    for (const [name, x] of [['engine', r], ['bare Socket.IO', b]] as const) {
      console.log(`${name}: heap ${x.heapKbPerSocket} kB/socket, RSS ${x.rssKbPerSocket} kB/socket, external ${x.externalKbPerSocket} kB/socket; at ${x.maxSockets}: RSS ${x.rssMbAtMax} MB, heap ${x.heapUsedMbAtMax} MB`);
    }
  } finally {
    sites.remove();
    await redis.stop();
  }
}

runIfMain(import.meta.url, main);
