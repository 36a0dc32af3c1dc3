/**
 * Asks a child process that runs the memory probe (bench/memory-probe.cjs) over IPC:
 * each message gets an id, and the answer with that id settles its promise.
 */
import type { ChildProcess } from 'node:child_process';

interface ProbeAnswer {
  id?: number;
  ok: boolean;
  error?: string;
}

export type Ask = <T = unknown>(msg: Record<string, unknown>, timeoutMs?: number) => Promise<T>;

/** `ask` for `child` (`name` in errors); refuses when the child has no IPC channel. */
export function ipcAsk(child: ChildProcess, name: string): Ask {
  let nextId = 1;
  const waiting = new Map<number, (m: ProbeAnswer) => void>();
  child.on('message', (m: ProbeAnswer) => {
    const w = typeof m?.id === 'number' ? waiting.get(m.id) : undefined;
    if (w) {
      waiting.delete(m.id as number);
      w(m);
    }
  });
  return <T,>(msg: Record<string, unknown>, timeoutMs = 60_000): Promise<T> =>
    new Promise<T>((res, rej) => {
      if (!child.send || !child.connected) return rej(new Error(`${name} started without ipc`));
      const id = nextId++;
      const t = setTimeout(() => {
        waiting.delete(id);
        rej(new Error(`${name} did not answer ${JSON.stringify(msg)} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, (m) => {
        clearTimeout(t);
        if (m.ok) res(m as T);
        else rej(new Error(m.error ?? 'probe failed'));
      });
      child.send({ ...msg, id });
    });
}
