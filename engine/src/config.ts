/** Reads process.env once, validates it, and hands out a frozen config. Nothing else reads process.env. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

const bool = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** `redis://host:port` (one Redis) or `redis+cluster://host:port,host:port` (a cluster; redis-connection.ts). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?(\+cluster)?:\/\/\S+$/, 'expected redis://host:port or redis+cluster://host:port,host:port')
    .optional(),
  LOKET_SITE_FILE: z.string().default(resolve(repoRoot, 'sites', 'mpp-demo.json')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOKET_IGNORE_HOURS: bool,
  NODE_ENV: z.string().default('development'),
  LOKET_DATA_DIR: z.string().default(resolve(process.cwd(), 'data')),
  LOKET_REDIS_PORT: z.coerce.number().int().min(1).max(65535).default(6380),
  LOKET_REDIS_FSYNC: z.enum(['always', 'everysec']).default('always'),
  LOKET_ALLOWED_ORIGINS: z.string().default(''),
  LOKET_SESSION_HOURS: z.coerce.number().positive().default(12),
  LOKET_NO_JOBS: bool,
  LOKET_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  LOKET_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).default(5000),
  LOKET_WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).default(40),
  LOKET_BOOKING_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  LOKET_BOOKING_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LOKET_REDIS_TIMEOUT_MS: z.coerce.number().int().min(100).default(1500),
  LOKET_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).default(4000),
  LOKET_TRUST_PROXY: z.string().default(''),
  LOKET_LOGIN_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOKET_ISSUE_PER_MINUTE_DEVICE: z.coerce.number().int().min(1).default(30),
  LOKET_ISSUE_PER_MINUTE_ADDRESS: z.coerce.number().int().min(1).default(120),
});

export type Config = Readonly<{
  port: number;
  host: string;
  redisUrl: string | undefined;
  siteFile: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  ignoreHours: boolean;
  production: boolean;
  dataDir: string;
  redisPort: number;
  redisFsync: 'always' | 'everysec';
  allowedOrigins: string[];
  sessionSeconds: number;
  /** Run no BullMQ workers (benchmarks, some tests). */
  noJobs: boolean;
  /** Logins per client address and minute. */
  loginPerMinute: number;
  /** Unit of the webhook retry schedule: retries after 1, 2, 60, 360, 1440, 3600, 7200 units. */
  webhookBackoffMs: number;
  /** Failed webhook attempts in a row after which an endpoint is disabled. */
  webhookDisableAfter: number;
  /** HMAC secret for NIK and phone; undefined: made once per site and kept in Redis. */
  bookingSecret: string | undefined;
  /** Public booking requests (book, cancel) per client address and minute. */
  bookingPerMinute: number;
  /** Every Redis command of a request fails after this long (ioredis `commandTimeout`). */
  redisTimeoutMs: number;
  /** Every request is answered within this long: `503 STORE_UNAVAILABLE` when the store did not answer in time. */
  requestTimeoutMs: number;
  /** Express `trust proxy` (LOKET_TRUST_PROXY: hop count, `loopback`, addresses); false when unset: X-Forwarded-For is ignored. */
  trustProxy: boolean | number | string;
  /** Failed logins per account and 15 minutes, over all addresses and nodes. */
  loginPerAccount: number;
  /** Tickets per kiosk (or other credential) and minute. */
  issuePerMinuteDevice: number;
  /** Tickets per client address and minute. */
  issuePerMinuteAddress: number;
  /** Where the built web clients are. */
  clientDirs: { displays: string; counter: string };
}>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    siteFile: resolve(e.LOKET_SITE_FILE),
    logLevel: e.LOG_LEVEL,
    ignoreHours: e.LOKET_IGNORE_HOURS,
    production: e.NODE_ENV === 'production',
    dataDir: resolve(e.LOKET_DATA_DIR),
    redisPort: e.LOKET_REDIS_PORT,
    redisFsync: e.LOKET_REDIS_FSYNC,
    allowedOrigins: e.LOKET_ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    sessionSeconds: Math.round(e.LOKET_SESSION_HOURS * 3600),
    noJobs: e.LOKET_NO_JOBS,
    loginPerMinute: e.LOKET_LOGIN_PER_MINUTE,
    webhookBackoffMs: e.LOKET_WEBHOOK_BACKOFF_MS,
    webhookDisableAfter: e.LOKET_WEBHOOK_DISABLE_AFTER,
    bookingSecret: e.LOKET_BOOKING_SECRET,
    bookingPerMinute: e.LOKET_BOOKING_PER_MINUTE,
    redisTimeoutMs: e.LOKET_REDIS_TIMEOUT_MS,
    requestTimeoutMs: e.LOKET_REQUEST_TIMEOUT_MS,
    trustProxy: trustProxyOf(e.LOKET_TRUST_PROXY),
    loginPerAccount: e.LOKET_LOGIN_PER_ACCOUNT,
    issuePerMinuteDevice: e.LOKET_ISSUE_PER_MINUTE_DEVICE,
    issuePerMinuteAddress: e.LOKET_ISSUE_PER_MINUTE_ADDRESS,
    clientDirs: {
      displays: resolve(repoRoot, 'displays', 'dist'),
      counter: resolve(repoRoot, 'counter-client', 'dist'),
    },
  });
}

/** `''` -> false (the socket's address counts), a number -> hops, else express's own forms (`loopback`, CIDRs). */
function trustProxyOf(v: string): boolean | number | string {
  const t = v.trim();
  if (!t || t === 'false' || t === '0') return false;
  if (/^\d+$/.test(t)) return Number(t);
  if (t === 'true') return true;
  return t;
}
