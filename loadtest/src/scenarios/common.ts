/** What every scenario shares: its own redis-server and engine child, and the result it returns. */
import { performance } from 'node:perf_hooks';
import { startRedisCluster } from '../../../engine/test/support/redis-cluster.js';
import { startRedis, type RedisHandle } from '../../../engine/test/support/redis-server.js';
import type { Flags } from '../lib/args.js';
import { startEngine, type EngineProcess } from '../lib/engine-process.js';
import { HttpClient, RoundRobinClient } from '../lib/http-client.js';
import { sampleRedisAll, type RedisSample } from '../lib/redis-stats.js';
import type { SeriesPoint, Summary } from '../lib/stats.js';

export interface ScenarioContext {
  flags: Flags;
  small: boolean;
  /** Where to write results (tests use a temp dir). */
  resultsDir?: string;
}

/** Every scenario's results JSON has these fields. */
export interface ScenarioResult {
  scenario: string;
  startedAt: string;
  small: boolean;
  wallSeconds: number;
  params: Record<string, unknown>;
  /** Latency of successful requests (ms). */
  latency: Summary;
  /** Per request kind (issue, call-next, start, finish...). */
  latencyByKind: Record<string, Summary>;
  /** Successful requests per second over the run. */
  throughput: number;
  errors: Record<string, number>;
  series: SeriesPoint[];
  files?: { json: string; svg?: string };
  [k: string]: unknown;
}

export interface Stack {
  redis: RedisHandle;
  /** The first engine node (the only one unless `nodes` > 1). */
  engine: EngineProcess;
  /** Every engine node. */
  engines: EngineProcess[];
  /** Requests round robin over the nodes. */
  http: HttpClient;
  /** Redis counters summed over every primary (one Redis: that one). */
  sampleRedis(): Promise<RedisSample>;
  /** CPU time of all engine nodes together (ms). */
  engineCpuMs(): number;
  stop(): Promise<void>;
}

export interface StackShape {
  /** Engine nodes (default 1). */
  nodes?: number;
  /** A local Redis Cluster of 3 primaries + 3 replicas instead of one redis-server. */
  cluster?: boolean;
}

/** Starts a fresh Redis (one redis-server, or a local cluster) and the engine node(s) on it. */
export async function startStack(siteFile: string, env: Record<string, string> = {}, maxSockets = 512, shape: StackShape = {}): Promise<Stack> {
  if (shape.cluster || (shape.nodes ?? 1) > 1) return startScaledStack(siteFile, env, maxSockets, shape);
  const redis = await startRedis();
  let engine: EngineProcess;
  try {
    engine = await startEngine({ redisUrl: redis.url, siteFile, env });
  } catch (err) {
    await redis.stop();
    throw err;
  }
  const http = new HttpClient(engine.url, maxSockets);
  return {
    redis,
    engine,
    engines: [engine],
    http,
    sampleRedis: () => sampleRedisAll([redis.port]),
    engineCpuMs: () => engine.cpuMs(),
    stop: async () => {
      http.close();
      await engine.stop();
      await redis.stop();
    },
  };
}

async function startScaledStack(siteFile: string, env: Record<string, string>, maxSockets: number, shape: StackShape): Promise<Stack> {
  const n = shape.nodes ?? 1;
  let redis: RedisHandle & { primaries(): Promise<number[]> };
  if (shape.cluster) {
    const c = await startRedisCluster();
    redis = {
      url: c.url,
      port: c.nodes[0]!.port,
      kill: () => c.nodes.forEach((x) => x.kill()),
      pause: () => c.nodes.forEach((x) => x.pause()),
      resume: () => c.nodes.forEach((x) => x.resume()),
      stop: () => c.stop(),
      primaries: () => c.primaries(),
    };
  } else {
    const r = await startRedis();
    redis = { ...r, primaries: async () => [r.port] };
  }
  const engines: EngineProcess[] = [];
  try {
    for (let i = 0; i < n; i++) engines.push(await startEngine({ redisUrl: redis.url, siteFile, env }));
  } catch (err) {
    await Promise.all(engines.map((e) => e.stop()));
    await redis.stop();
    throw err;
  }
  const clients = engines.map((e) => new HttpClient(e.url, Math.ceil(maxSockets / n)));
  const http = new RoundRobinClient(clients);
  const primaries = await redis.primaries();
  return {
    redis,
    engine: engines[0]!,
    engines,
    http,
    sampleRedis: () => sampleRedisAll(primaries),
    engineCpuMs: () => engines.reduce((a, e) => a + e.cpuMs(), 0),
    stop: async () => {
      http.close();
      await Promise.all(engines.map((e) => e.stop()));
      await redis.stop();
    },
  };
}

export function elapsedSec(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}

/** Runs `fn(item)` over items with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
