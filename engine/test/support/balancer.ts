/**
 * A small TCP load balancer in front of engine nodes, for shutdown tests: each new
 * connection goes to the first node that accepts it (a node that stopped listening is
 * skipped, as a balancer's health check would), so a client told to reconnect lands on
 * another node behind the same address.
 */
import { connect, createServer, type Socket } from 'node:net';
import { freePort } from './redis-server.js';

export interface Balancer {
  port: number;
  url: string;
  /** Connections each node received, by port. */
  accepted: Map<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(nodePorts: number[]): Promise<Balancer> {
  const port = await freePort();
  const open = new Set<Socket>();
  const accepted = new Map<number, number>();
  const server = createServer((client) => {
    client.pause();
    open.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => open.delete(client));
    const attempt = (i: number): void => {
      const target = nodePorts[i];
      if (target === undefined || client.destroyed) return void client.destroy();
      const upstream = connect(target, '127.0.0.1');
      upstream.once('error', () => {
        upstream.destroy();
        attempt(i + 1);
      });
      upstream.once('connect', () => {
        accepted.set(target, (accepted.get(target) ?? 0) + 1);
        open.add(upstream);
        upstream.removeAllListeners('error');
        const end = (): void => {
          client.destroy();
          upstream.destroy();
          open.delete(upstream);
        };
        upstream.on('error', end).on('close', end);
        client.on('close', end);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
