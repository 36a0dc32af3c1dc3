/**
 * Starts a real `redis-server` on a free loopback port for tests and
 * benchmarks. No persistence: every process gets an empty store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

export interface RedisHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills the server without waiting (crash simulation). */
  kill(): void;
  /** `kill -STOP` / `kill -CONT`: a stalled server (the connections stay open, nothing answers). */
  pause(): void;
  resume(): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The shared Redis Cluster of the `cluster` test project (test/support/cluster-setup.ts),
 * or null when the tests run on plain redis-servers.
 */
export function testClusterUrl(): string | null {
  return process.env.LOKET_TEST_REDIS === 'cluster' ? (process.env.LOKET_TEST_CLUSTER_URL ?? null) : null;
}

/**
 * Starts a redis-server; under `LOKET_TEST_REDIS=cluster` (and no special arguments) hands
 * out the shared cluster instead (its stop does nothing; sites are unique per test).
 */
export async function startRedis(extraArgs: string[] = [], port?: number): Promise<RedisHandle> {
  const cluster = testClusterUrl();
  if (cluster && !extraArgs.length && port === undefined) {
    return {
      url: cluster,
      port: 0,
      kill: () => {
        throw new Error('the shared test cluster cannot be killed by one test');
      },
      pause: () => {
        throw new Error('the shared test cluster cannot be paused by one test');
      },
      resume: () => undefined,
      stop: async () => undefined,
    };
  }
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', ...extraArgs],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', (err) => {
    exited = true;
    console.error(`redis-server could not start (${err.message}). Install it: apt-get install redis-server`);
  });
  const url = `redis://127.0.0.1:${p}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; i < 100 && !exited; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      await sleep(50);
    }
  }
  probe.disconnect();
  if (exited) throw new Error('redis-server exited at start');
  return {
    url,
    port: p,
    kill: () => {
      child.kill('SIGKILL');
    },
    pause: () => {
      child.kill('SIGSTOP');
    },
    resume: () => {
      child.kill('SIGCONT');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts one redis-server for the test file (beforeAll) and stops it after (afterAll). */
export function redisForFile(hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }): () => RedisHandle {
  let handle: RedisHandle | null = null;
  hooks.beforeAll(async () => {
    handle = await startRedis();
  });
  hooks.afterAll(async () => {
    await handle?.stop();
  });
  return () => {
    if (!handle) throw new Error('redis-server not started yet');
    return handle;
  };
}
