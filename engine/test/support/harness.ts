/**
 * Starts a real engine in-process (HTTP + Socket.IO + timers) on port 0 against a real
 * redis-server (its own unless `redisUrl` is given), serving the sample mall under a unique
 * site id, open around the clock. For integration, socket and browser tests.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { parseSite, type Site } from '../../src/domain/site.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { startRedis, type RedisHandle } from './redis-server.js';

export const SAMPLE_SITE_FILE = fileURLToPath(new URL('../../../sites/mpp-demo.json', import.meta.url));

export interface TestEngine {
  url: string;
  port: number;
  siteId: string;
  redisUrl: string;
  server: RunningServer;
  /** The redis-server this harness started (null when `redisUrl` was given). */
  redis: RedisHandle | null;
  stop(): Promise<void>;
}

export interface TestEngineOptions {
  redisUrl?: string;
  siteId?: string;
  /** Change the sample before it is loaded. */
  editSite?: (raw: SampleSite) => void;
  ignoreHours?: boolean;
  clock?: () => number;
  jobs?: boolean;
  env?: Record<string, string>;
  /** A logger of the test's own (e.g. one writing to memory, to search the lines). */
  log?: import('../../src/logger.js').Logger;
}

/** The sample site file as parsed JSON (loosely typed: tests edit it). */
export type SampleSite = Record<string, unknown> & { id: string; counters: { id: string; agencyId: string; services: string[][] }[]; users?: unknown[] };

export function sampleSite(siteId = `t-${randomBytes(4).toString('hex')}`): SampleSite {
  const raw = JSON.parse(readFileSync(SAMPLE_SITE_FILE, 'utf8')) as SampleSite;
  raw.id = siteId;
  return raw;
}

export function testSite(edit?: (raw: SampleSite) => void, siteId?: string): Site {
  const raw = sampleSite(siteId);
  edit?.(raw);
  return parseSite(raw);
}

export async function startTestEngine(opts: TestEngineOptions = {}): Promise<TestEngine> {
  const redis = opts.redisUrl ? null : await startRedis();
  const redisUrl = opts.redisUrl ?? redis!.url;
  const site = testSite(opts.editSite, opts.siteId);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    LOKET_IGNORE_HOURS: opts.ignoreHours === false ? '0' : '1',
    LOKET_NO_JOBS: opts.jobs === false ? '1' : '0',
    NODE_ENV: 'test',
    // Tests play many kiosks through one token from one address; the abuse tests set their own limits.
    LOKET_ISSUE_PER_MINUTE_DEVICE: '100000',
    LOKET_ISSUE_PER_MINUTE_ADDRESS: '100000',
    LOKET_LOGIN_PER_MINUTE: '100000',
    ...opts.env,
  });
  const server = await startServer({
    config,
    redisUrl,
    sites: new Map([[site.id, site]]),
    log: opts.log ?? createLogger('silent'),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return {
    url: server.url,
    port: server.port,
    siteId: site.id,
    redisUrl,
    server,
    redis,
    async stop() {
      await server.close();
      await redis?.stop();
    },
  };
}

// Tests read arbitrary response shapes, so the default body type is loose on purpose.
export interface ApiResult<T = any> {
  status: number;
  // Tests read arbitrary response shapes; the contract types are asserted field by field.
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  url: string,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: string | undefined;
  if (o.raw !== undefined) payload = o.raw;
  else if (o.body !== undefined) payload = JSON.stringify(o.body);
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function login(url: string, username: string, password = 'demo'): Promise<string> {
  const r = await api<{ token: string }>(url, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export const KIOSK_TOKEN = 'demo-kiosk-token';
export const DISPLAY_TOKEN = 'demo-display-token';
