/**
 * The engine as a real process (`node --import tsx src/main.ts`, so it runs the source under
 * test, never a stale build) on a free loopback port against a given Redis, serving the
 * sample mall under `siteId`. For tests of what only a process shows: signals, exit codes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleSite } from './harness.js';
import { freePort } from './redis-server.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface EngineChild {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function spawnEngine(o: { redisUrl: string; siteId: string; env?: Record<string, string> }): Promise<EngineChild> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'loket-engine-'));
  const siteFile = join(dir, 'site.json');
  writeFileSync(siteFile, JSON.stringify(sampleSite(o.siteId)));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: o.redisUrl,
      LOKET_SITE_FILE: siteFile,
      LOKET_IGNORE_HOURS: '1',
      LOKET_NO_JOBS: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LOKET_ISSUE_PER_MINUTE_DEVICE: '100000',
      LOKET_ISSUE_PER_MINUTE_ADDRESS: '100000',
      LOKET_LOGIN_PER_MINUTE: '100000',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (done) throw new Error(`engine exited before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`engine not ready within 30 s:\n${out}`);
    }
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    exited,
    output: () => out,
    async stop() {
      if (done) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
