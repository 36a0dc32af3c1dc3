/**
 * A small keep-alive JSON client over node:http, timed with the process clock.
 * Lighter than fetch, so the driver (not the client library) stays out of the
 * engine's way on a 2-core machine.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  /** Milliseconds from sending to the end of the response body. */
  ms: number;
  /** performance.now() when the request was sent. */
  sentAt: number;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets = 256) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
    // `timeout` closes idle keep-alive sockets after 4 s, before the server's 5 s
    // keepAliveTimeout can close one under a new request (ECONNRESET / socket hang up).
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 4000 });
  }

  request<T = unknown>(method: string, path: string, o: RequestOptions = {}): Promise<HttpResult<T>> {
    const payload = o.body === undefined ? undefined : Buffer.from(JSON.stringify(o.body));
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    return new Promise((resolve, reject) => {
      const sentAt = performance.now();
      const req = request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - sentAt;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON: keep the text for the error message */
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, ms, sentAt });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Like request(), but throws unless the status is one of `ok`. */
  async expect<T = unknown>(method: string, path: string, ok: number[], o: RequestOptions = {}): Promise<HttpResult<T>> {
    const r = await this.request<T>(method, path, o);
    if (!ok.includes(r.status)) {
      throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return r;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Sends each request to the next of several engine nodes (a load balancer's round robin). */
export class RoundRobinClient extends HttpClient {
  private next = 0;

  constructor(private readonly clients: HttpClient[]) {
    super('http://127.0.0.1:1', 1);
  }

  override request<T = unknown>(method: string, path: string, o: RequestOptions = {}): Promise<HttpResult<T>> {
    const c = this.clients[this.next++ % this.clients.length]!;
    return c.request<T>(method, path, o);
  }

  override close(): void {
    for (const c of this.clients) c.close();
    super.close();
  }
}
