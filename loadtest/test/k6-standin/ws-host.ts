/** The host side of the k6/ws stand-in: real WebSockets, their events queued for the VU that reads them. */
// `ws` is the WebSocket client socket.io-client and engine.io use (Node 20 has no global WebSocket).
import WebSocket from 'ws';

type WsEvent = { event: 'message'; data: string } | { event: 'close' } | { event: 'error'; data: string } | { event: 'timeout' };

interface Entry {
  socket: WebSocket;
  queue: WsEvent[];
  waiter: ((e: WsEvent) => void) | null;
}

export class WsHost {
  private readonly sockets = new Map<number, Entry>();
  private nextId = 1;

  open(url: string, headers: Record<string, string>): Promise<{ id?: number; status: number; error?: string; headers?: Record<string, string> }> {
    return new Promise((res) => {
      const socket = new WebSocket(url, { headers });
      const id = this.nextId++;
      const entry: Entry = { socket, queue: [], waiter: null };
      const push = (e: WsEvent): void => {
        if (entry.waiter) {
          const w = entry.waiter;
          entry.waiter = null;
          w(e);
        } else entry.queue.push(e);
      };
      let upgraded: Record<string, string> = {};
      socket.on('upgrade', (r) => {
        upgraded = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
      });
      socket.on('open', () => {
        this.sockets.set(id, entry);
        res({ id, status: 101, headers: upgraded });
      });
      socket.on('unexpected-response', (_req, r) => {
        res({ status: r.statusCode ?? 0, error: `unexpected response ${r.statusCode ?? 0}` });
        socket.terminate();
      });
      socket.on('message', (data) => push({ event: 'message', data: data.toString() }));
      socket.on('close', () => push({ event: 'close' }));
      socket.on('error', (err) => {
        if (!this.sockets.has(id)) res({ status: 0, error: err.message });
        else push({ event: 'error', data: err.message });
      });
    });
  }

  /** The socket's next event, or `timeout` after `timeoutMs`. */
  next(id: number, timeoutMs: number): Promise<WsEvent> {
    const entry = this.sockets.get(id);
    if (!entry) return Promise.resolve({ event: 'close' });
    const queued = entry.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((res) => {
      const t = setTimeout(() => {
        entry.waiter = null;
        res({ event: 'timeout' });
      }, timeoutMs);
      entry.waiter = (e) => {
        clearTimeout(t);
        res(e);
      };
    });
  }

  send(id: number, data: string): void {
    this.sockets.get(id)?.socket.send(data);
  }

  close(id: number): void {
    this.sockets.get(id)?.socket.close();
    this.sockets.delete(id);
  }

  closeAll(): void {
    for (const e of this.sockets.values()) e.socket.terminate();
    this.sockets.clear();
  }
}
