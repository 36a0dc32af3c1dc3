/**
 * Without REDIS_URL the engine runs its own `redis-server` on loopback with AOF persistence
 * under the data directory, restarts it if it dies, and stops it on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Logger } from './logger.js';

export interface SupervisedRedis {
  url: string;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function superviseRedis(o: { dataDir: string; port: number; fsync: 'always' | 'everysec'; log: Logger }): Promise<SupervisedRedis> {
  if (!redisServerAvailable()) {
    throw new Error(
      'redis-server was not found. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`) or set REDIS_URL to a Redis you run.',
    );
  }
  mkdirSync(o.dataDir, { recursive: true });
  const args = [
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
  const log = o.log.child({ mod: 'redis' });
  const launch = (): void => {
    child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => log.warn(d.toString().trim()));
    child.on('exit', (code) => {
      if (stopping) return;
      log.error({ code }, 'redis-server exited; restarting in 1 s');
      setTimeout(launch, 1000);
    });
  };
  launch();
  log.info({ port: o.port, dir: o.dataDir, appendfsync: o.fsync }, 'started redis-server');
  return {
    url: `redis://127.0.0.1:${o.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const c = child as ChildProcess | null;
        if (!c || c.exitCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      }),
  };
}
