/** Runs one of the baseline servers as a child process (`node --import tsx`), like the engine runs. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readCpuMs, readRssMb } from '../lib/engine-process.js';
import { ipcAsk, type Ask } from '../lib/ipc-probe.js';

export interface ChildServer {
  url: string;
  pid: number;
  rssMb(): number;
  cpuMs(): number;
  /** With `ipc`: a message to the child's preloaded probe, answered with the same `id`. */
  ask: Ask;
  stop(): Promise<void>;
}

export function startChildServer(name: 'noop-server' | 'bare-broadcast-server', o: { nodeArgs?: string[]; ipc?: boolean } = {}): Promise<ChildServer> {
  const file = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', file], { stdio: o.ipc ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'] });
  const ask = ipcAsk(child, name);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${name} did not start`)), 20_000);
    let buf = '';
    child.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (!m) return;
      clearTimeout(t);
      const pid = child.pid ?? 0;
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        pid,
        rssMb: () => readRssMb(pid),
        cpuMs: () => readCpuMs(pid),
        ask,
        stop: () =>
          new Promise((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}
