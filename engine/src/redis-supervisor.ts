/**
 * Without REDIS_URL the engine runs its own `redis-server` on loopback with AOF persistence
 * under the data directory, restarts it if it dies, and stops it on exit. It owns that
 * process: a pid file (an orphan left by a killed engine is stopped before a new start), a
 * generated password (`requirepass`, kept in `redis.conf` under the data directory, mode
 * 0600, never on a command line), no use of a server it did not start (a port already taken
 * is an error), and AOF checked on the running server, not assumed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

export interface SupervisedRedis {
  url: string;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const isRedisServer = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return false;
  }
};

/** Stops the redis-server a killed engine left behind (named by our pid file). */
async function stopOrphan(pidFile: string, log: Logger): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 1 && alive(pid) && isRedisServer(pid)) {
    log.warn({ pid }, 'stopping the redis-server a previous engine left running');
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

/** The password of the engine's own Redis: generated once, kept in the data directory. */
function passwordOf(dataDir: string): string {
  const file = join(dataDir, 'redis.pass');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function superviseRedis(o: { dataDir: string; port: number; fsync: 'always' | 'everysec'; log: Logger }): Promise<SupervisedRedis> {
  if (!redisServerAvailable()) {
    throw new Error(
      'redis-server was not found. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`) or set REDIS_URL to a Redis you run.',
    );
  }
  mkdirSync(o.dataDir, { recursive: true });
  const log = o.log.child({ mod: 'redis' });
  const pidFile = join(o.dataDir, 'redis.pid');
  await stopOrphan(pidFile, log);
  if (await portInUse(o.port)) {
    throw new Error(
      `Port ${o.port} is already in use by a process this engine did not start. Loket will not use a Redis it does not own: ` +
        'stop that process, choose another LOKET_REDIS_PORT, or set REDIS_URL to use that Redis on purpose.',
    );
  }
  const password = passwordOf(o.dataDir);
  const conf = join(o.dataDir, 'redis.conf');
  writeFileSync(conf, `requirepass ${password}\n`, { mode: 0o600 });
  chmodSync(conf, 0o600);
  const args = [
    conf,
    '--port', String(o.port),
    '--bind', '127.0.0.1',
    '--dir', o.dataDir,
    '--appendonly', 'yes',
    '--appendfsync', o.fsync,
    '--save', '',
    '--protected-mode', 'yes',
    '--daemonize', 'no',
  ];
  let child: ChildProcess | null = null;
  let stopping = false;
  let quickExits = 0;
  const launch = (): void => {
    const started = Date.now();
    const c = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = c;
    if (c.pid) writeFileSync(pidFile, String(c.pid));
    c.stderr?.on('data', (d: Buffer) => log.warn(d.toString().trim()));
    c.on('exit', (code) => {
      if (stopping) return;
      quickExits = Date.now() - started < 3000 ? quickExits + 1 : 0;
      void (async () => {
        if (await portInUse(o.port)) {
          log.fatal({ port: o.port }, 'redis-server exited and another process took its port: not restarting it; stop that process and restart Loket');
          return;
        }
        const wait = Math.min(30_000, 1000 * 2 ** Math.min(quickExits, 5));
        log.error({ code, restartInMs: wait }, 'redis-server exited; restarting');
        setTimeout(launch, wait);
      })();
    });
  };
  launch();
  const url = `redis://:${encodeURIComponent(password)}@127.0.0.1:${o.port}`;

  // Up, ours (the password works), and persisting as the log will say.
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  let settings: string[] = [];
  for (let i = 0; i < 100; i++) {
    try {
      if (probe.status !== 'ready') await probe.connect();
      settings = (await probe.config('GET', 'append*')) as string[];
      break;
    } catch {
      await sleep(100);
    }
  }
  probe.disconnect();
  const got = Object.fromEntries(settings.flatMap((v, i, a) => (i % 2 === 0 ? [[v, a[i + 1]]] : [])));
  if (got.appendonly !== 'yes' || got.appendfsync !== o.fsync) {
    stopping = true;
    (child as ChildProcess | null)?.kill('SIGTERM');
    throw new Error(`The engine's redis-server does not persist as configured (appendonly=${got.appendonly}, appendfsync=${got.appendfsync}); not starting.`);
  }
  log.info({ port: o.port, dir: o.dataDir, appendonly: got.appendonly, appendfsync: got.appendfsync }, 'started redis-server (AOF verified, password from the data directory)');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const c = child as ChildProcess | null;
        const done = () => {
          rmSync(pidFile, { force: true });
          resolve();
        };
        if (!c || c.exitCode !== null) return done();
        c.once('exit', done);
        c.kill('SIGTERM');
      }),
  };
}
