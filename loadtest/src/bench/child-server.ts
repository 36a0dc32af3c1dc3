/** Runs one of the baseline servers as a child process (`node --import tsx`), like the engine runs. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readCpuMs, readRssMb } from '../lib/engine-process.js';

export interface ChildServer {
  url: string;
  pid: number;
  rssMb(): number;
  cpuMs(): number;
  stop(): Promise<void>;
}

export function startChildServer(name: 'noop-server' | 'bare-broadcast-server'): Promise<ChildServer> {
  const file = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
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
