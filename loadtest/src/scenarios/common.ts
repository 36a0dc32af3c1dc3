/** What every scenario shares: its own redis-server and engine child, and the result it returns. */
import { performance } from 'node:perf_hooks';
import { startRedis, type RedisHandle } from '../../../engine/test/support/redis-server.js';
import type { Flags } from '../lib/args.js';
import { startEngine, type EngineProcess } from '../lib/engine-process.js';
import { HttpClient } from '../lib/http-client.js';
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
  engine: EngineProcess;
  http: HttpClient;
  stop(): Promise<void>;
}

/** Starts a fresh redis-server and the engine on it. */
export async function startStack(siteFile: string, env: Record<string, string> = {}, maxSockets = 512): Promise<Stack> {
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
    http,
    stop: async () => {
      http.close();
      await engine.stop();
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
