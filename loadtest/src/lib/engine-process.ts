/**
 * Runs the engine as a child process (`node engine/dist/main.js`) on a free
 * loopback port against a given Redis, builds it first when dist is missing,
 * and waits for `GET /readyz` = 200.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newest } from '../../../engine/test/support/displays-build.js';
import { freePort } from '../../../engine/test/support/redis-server.js';
import { ipcAsk, type Ask } from './ipc-probe.js';
import { repoRoot } from './results.js';

export interface EngineProcess {
  url: string;
  port: number;
  pid: number;
  /** Resident set size of the engine process in MB (VmRSS of /proc/<pid>/status). */
  rssMb(): number;
  /** CPU time the engine process has used so far (ms). */
  cpuMs(): number;
  /** The last lines the engine wrote to stderr/stdout (for error messages). */
  output(): string;
  /** With `ipc: true`: sends a message to the child and resolves with its answer (same `id`). */
  ask: Ask;
  stop(): Promise<void>;
  /** Sends `signal` and resolves when the process has exited (its code, or the signal that ended it). */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface EngineOptions {
  redisUrl: string;
  /** A site file or a directory of site files. */
  siteFile: string;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Opens an IPC channel to the child (for a preloaded probe, see bench/memory-probe.cjs). */
  ipc?: boolean;
  /** Another build's main.js (an A/B against a baseline build), instead of engine/dist's. */
  main?: string;
  /** Skip the stale-build check (a restart within a run must run the build the run started with). */
  noBuild?: boolean;
  /** Listen on this port (a restarted engine where its clients reconnect); default: a free one. */
  port?: number;
}

const builtMain = resolve(repoRoot, 'engine', 'dist', 'main.js');
/** LOKET_ENGINE_MAIN runs another build (e.g. an experimental copy of dist) instead. */
const mainJs = process.env.LOKET_ENGINE_MAIN ? resolve(process.env.LOKET_ENGINE_MAIN) : builtMain;


/**
 * Builds the engine (`npm run build -w engine`) when `engine/dist/main.js` is
 * missing or older than a file of `engine/src` (so a run never measures a
 * stale build). If a rebuild fails, the existing build is used, with a warning.
 */
export function ensureEngineBuilt(): void {
  if (mainJs !== builtMain) {
    if (!existsSync(mainJs)) throw new Error(`LOKET_ENGINE_MAIN: ${mainJs} does not exist`);
    return;
  }
  const exists = existsSync(mainJs);
  const stale = exists && newest(resolve(repoRoot, 'engine', 'src')) > statSync(mainJs).mtimeMs;
  if (exists && !stale && !process.env.LOKET_LOADTEST_REBUILD) return;
  console.log(`engine/dist ${exists ? 'is older than engine/src' : 'is missing'}: building the engine (npm run build -w engine)...`);
  try {
    execFileSync('npm', ['run', 'build', '-w', 'engine'], { cwd: repoRoot, stdio: 'inherit' });
  } catch (err) {
    if (!exists) throw err;
    console.warn(`engine build failed (${(err as Error).message.split('\n')[0]}); using the existing engine/dist`);
  }
}

export function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : Number.NaN;
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function readCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

export async function startEngine(o: EngineOptions): Promise<EngineProcess> {
  if (!o.main && !o.noBuild) ensureEngineBuilt();
  const port = o.port ?? (await freePort());
  // e.g. LOKET_ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the engine under load.
  const extra = (process.env.LOKET_ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...extra, ...(o.nodeArgs ?? []), o.main ? resolve(o.main) : mainJs], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: o.redisUrl,
      LOKET_SITE_FILE: o.siteFile,
      LOKET_IGNORE_HOURS: '1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      // A load test plays hundreds of kiosks and clerks through a few credentials from one address.
      LOKET_ISSUE_PER_MINUTE_DEVICE: '1000000',
      LOKET_ISSUE_PER_MINUTE_ADDRESS: '1000000',
      LOKET_LOGIN_PER_MINUTE: '1000000',
      ...o.env,
    },
    stdio: o.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const ask = ipcAsk(child, 'engine');
  // A message sent as the child dies fails with EPIPE here, not in ask(): not a crash of ours.
  child.on('error', (err) => keep(Buffer.from(`child process error: ${err.message}\n`)));
  const tail: string[] = [];
  const keep = (b: Buffer): void => {
    tail.push(b.toString('utf8'));
    if (tail.length > 40) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => {
      exited = true;
      res({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  while (!exited && Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  const output = (): string => tail.join('').slice(-4000);
  if (exited || Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`engine did not become ready on ${url}:\n${output()}`);
  }
  const pid = child.pid ?? 0;
  return {
    url,
    port,
    pid,
    rssMb: () => readRssMb(pid),
    cpuMs: () => readCpuMs(pid),
    output,
    ask,
    kill: (signal) => {
      if (!exited) child.kill(signal);
      return exit;
    },
    stop: () =>
      new Promise<void>((res) => {
        if (exited) return res();
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(t);
          res();
        });
        child.kill('SIGTERM');
      }),
  };
}
