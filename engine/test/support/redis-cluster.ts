/**
 * Starts a local Redis Cluster from processes: `redis-server` x (primaries x (1 + replicas))
 * on free loopback ports, joined by `redis-cli --cluster create`. The same topology as the
 * docker-compose `scale` profile, for tests, the load driver and a developer's shell:
 *
 *   npx tsx engine/test/support/redis-cluster.ts        # 3 primaries + 3 replicas, until Ctrl-C
 *
 * prints `REDIS_URL=redis+cluster://127.0.0.1:p1,...`. No persistence; data in a temp dir.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from './redis-server.js';

export interface ClusterNodeHandle {
  port: number;
  /** Kills the process (SIGKILL: a crash). */
  kill(): void;
  /** Stops and continues the process (SIGSTOP / SIGCONT: a stalled node). */
  pause(): void;
  resume(): void;
  alive(): boolean;
}

export interface RedisClusterHandle {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,...` (every node, primaries first). */
  url: string;
  nodes: ClusterNodeHandle[];
  /** Port of the primary holding `key`'s slot now. */
  primaryOf(key: string): Promise<number>;
  /** Ports of the primaries now. */
  primaries(): Promise<number[]>;
  /** Waits until every slot is served by a live primary (after a kill: the replica promoted). */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  primaries?: number;
  replicas?: number;
  /** Cluster node timeout (ms): how soon a dead primary's replica takes over. */
  nodeTimeoutMs?: number;
  extraArgs?: string[];
}

export async function startRedisCluster(o: ClusterOptions = {}): Promise<RedisClusterHandle> {
  const primaries = o.primaries ?? 3;
  const replicas = o.replicas ?? 1;
  const count = primaries * (1 + replicas);
  const dir = mkdtempSync(join(tmpdir(), 'loket-cluster-'));
  const ports: number[] = [];
  while (ports.length < count) {
    const p = await freePort();
    // The cluster bus listens on port + 10000: both must be free and below 65536.
    if (p > 55000 || ports.includes(p)) continue;
    ports.push(p);
  }
  const children: ChildProcess[] = [];
  const exited = new Set<number>();
  for (const port of ports) {
    const child = spawn(
      'redis-server',
      [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
        '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
        '--cluster-node-timeout', String(o.nodeTimeoutMs ?? 2000),
        '--save', '', '--appendonly', 'no',
        // The event tail wakes on stream appends (keyspace notifications, class E + t).
        '--notify-keyspace-events', 'Et',
        ...(o.extraArgs ?? []),
      ],
      { stdio: 'ignore' },
    );
    child.on('exit', () => exited.add(port));
    children.push(child);
  }
  const stopAll = async () => {
    await Promise.all(
      children.map(
        (c, i) =>
          new Promise<void>((resolve) => {
            if (exited.has(ports[i]!)) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await waitPing(port);
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}\n${create.stderr}`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  const handle: RedisClusterHandle = {
    url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
    nodes: ports.map((port, i) => ({
      port,
      kill: () => void children[i]!.kill('SIGKILL'),
      pause: () => void children[i]!.kill('SIGSTOP'),
      resume: () => void children[i]!.kill('SIGCONT'),
      alive: () => !exited.has(port),
    })),
    async primaryOf(key) {
      const live = ports.find((p) => !exited.has(p))!;
      const r = new Redis(live, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        const slot = (await r.call('CLUSTER', 'KEYSLOT', key)) as number;
        const slots = (await r.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
        const range = slots.find(([a, b]) => slot >= a && slot <= b);
        if (!range) throw new Error(`slot ${slot} is not served`);
        return range[2][1];
      } finally {
        r.disconnect();
      }
    },
    async primaries() {
      const live = ports.find((p) => !exited.has(p))!;
      const r = new Redis(live, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        const slots = (await r.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
        return [...new Set(slots.map((s) => s[2][1]))];
      } finally {
        r.disconnect();
      }
    },
    async waitHealthy(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (await healthy(ports.filter((p) => !exited.has(p)))) return;
        if (Date.now() > until) throw new Error('redis cluster did not become healthy');
        await sleep(200);
      }
    },
    stop: stopAll,
  };
  try {
    await handle.waitHealthy();
  } catch (err) {
    await stopAll();
    throw err;
  }
  return handle;
}

async function waitPing(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      await r.ping();
      return;
    } catch {
      await sleep(50);
    } finally {
      r.disconnect();
    }
  }
  throw new Error(`redis-server on ${port} did not start`);
}

/** Every live node says `cluster_state:ok` and agrees that all 16384 slots have a live primary. */
async function healthy(livePorts: number[]): Promise<boolean> {
  for (const port of livePorts) {
    const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      const info = (await r.call('CLUSTER', 'INFO')) as string;
      if (!/cluster_state:ok/.test(info) || !/cluster_slots_ok:16384/.test(info)) return false;
      const slots = (await r.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
      let covered = 0;
      for (const [a, b, primary] of slots) {
        if (!livePorts.includes(primary[1])) return false;
        covered += b - a + 1;
      }
      if (covered !== 16384) return false;
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await startRedisCluster();
  console.log(`REDIS_URL=${c.url}`);
  console.log('3 primaries + 3 replicas running; Ctrl-C stops them.');
  const stop = () => void c.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
