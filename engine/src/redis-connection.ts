/**
 * Every Redis connection of the engine is made here, from `REDIS_URL`:
 * - `redis://[user:pass@]host:port[/db]` (or `rediss://`): one Redis (or a primary).
 * - `redis+cluster://[user:pass@]host:port,host:port,...` (or `rediss+cluster://`): a Redis
 *   Cluster (or Valkey cluster); the nodes named are only where discovery starts.
 * One site's keys share the hash tag `{site}` (store/keys.ts), so every script and every
 * MULTI or pipeline of a site runs on one slot, and a cluster spreads the sites over shards.
 */
import type { Writable } from 'node:stream';
import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

/** A connection to one Redis or to a cluster: the stores take either. */
export type RedisConn = Redis | Cluster;

/**
 * What a connection is for:
 * - `command`: requests (scripts, reads): the writes of one event-loop turn go out together (coalesceWrites), fails a request after 2 retries.
 * - `blocking`: blocking reads and subscriptions (the event tail): retries for ever.
 * - `jobs`: BullMQ, which requires `maxRetriesPerRequest: null`.
 */
export type ConnRole = 'command' | 'blocking' | 'jobs';

export interface RedisTarget {
  cluster: boolean;
  /** Cluster: the seed nodes. */
  nodes: ClusterNode[];
  /** One Redis: the URL as given. */
  url: string;
  tls: boolean;
  username?: string;
  password?: string;
}

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;

/** True for the URL forms `REDIS_URL` accepts. */
export function isRedisUrl(url: string): boolean {
  if (CLUSTER_SCHEME.test(url)) return parseRedisUrl(url).nodes.length > 0;
  return /^rediss?:\/\/[^\s]+$/.test(url);
}

export function parseRedisUrl(url: string): RedisTarget {
  const m = CLUSTER_SCHEME.exec(url);
  if (!m) return { cluster: false, nodes: [], url, tls: url.startsWith('rediss:') };
  const [, scheme, auth, hostList] = m as unknown as [string, string, string | undefined, string];
  const nodes = hostList
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map((h) => {
      const i = h.lastIndexOf(':');
      const host = i > 0 ? h.slice(0, i).replace(/^\[|\]$/g, '') : h;
      const port = i > 0 ? Number(h.slice(i + 1)) : 6379;
      return { host, port };
    })
    .filter((n) => n.host && Number.isInteger(n.port) && n.port > 0 && n.port < 65536);
  const [user, pass] = auth ? (auth.includes(':') ? auth.split(':', 2) : ['', auth]) : [];
  return {
    cluster: true,
    nodes,
    url,
    tls: scheme === 'rediss',
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(pass ? { password: decodeURIComponent(pass) } : {}),
  };
}

function nodeOptions(role: ConnRole, t: RedisTarget, commandTimeoutMs?: number): RedisOptions {
  return {
    connectTimeout: 5000,
    maxRetriesPerRequest: role === 'command' ? 2 : null,
    // Command connections only: a stalled or cut Redis answers nothing, and a request must not
    // hang on it. Blocking reads and subscriptions wait by design.
    ...(role === 'command' && commandTimeoutMs ? { commandTimeout: commandTimeoutMs } : {}),
    ...(t.username ? { username: t.username } : {}),
    ...(t.password ? { password: t.password } : {}),
    ...(t.tls ? { tls: {} } : {}),
  };
}

/** Opens a connection for `role` to what `url` names; `commandTimeoutMs` bounds each command of a `command` connection. */
export function connectRedis(url: string, role: ConnRole = 'command', commandTimeoutMs?: number): RedisConn {
  const t = parseRedisUrl(url);
  if (!t.cluster) {
    const r = new Redis(url, { ...nodeOptions(role, t, commandTimeoutMs), enableAutoPipelining: false });
    // Requests: every write of one turn of the event loop goes out in one (see coalesceWrites).
    if (role === 'command') r.on('connect', () => coalesceWrites(r.stream));
    return r;
  }
  return new Cluster(t.nodes, {
    // Requests to the same node in one tick go out as one pipeline (per node).
    enableAutoPipelining: role === 'command',
    // Reads go to primaries: a replica lags, and a snapshot must agree with the event log.
    scaleReads: 'master',
    redisOptions: nodeOptions(role, t, commandTimeoutMs),
    // A failover or a slot move: MOVED/ASK are followed, slots refreshed, requests retried.
    maxRedirections: 16,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: 2000,
    slotsRefreshInterval: 5000,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
  });
}

/**
 * Holds a socket's writes from the first of a turn of the event loop until its check phase
 * (`setImmediate`), then sends them together: one write call to the kernel for every command
 * the turn's requests sent (a desk's transition, the kiosk's rate limits and its ticket, ...),
 * where ioredis's auto-pipelining groups only one tick's and pays a pipeline object per group
 * (issue 14: the write syscalls and the pipelines were the largest part of a request's CPU).
 * The replies and their order are unchanged; a command waits at most until the end of the turn.
 */
export function coalesceWrites(stream: Pick<Writable, 'write' | 'cork' | 'uncork'>): void {
  const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
  let held = false;
  const release = (): void => {
    held = false;
    stream.uncork();
  };
  stream.write = ((...a: unknown[]): boolean => {
    if (!held) {
      held = true;
      stream.cork();
      setImmediate(release);
    }
    return write(...a);
  }) as Writable['write'];
}

export function isCluster(conn: RedisConn): conn is Cluster {
  return conn instanceof Cluster;
}
