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
  /** `redis://host:port` (one Redis) or `redis+cluster://host:port,host:port` (a cluster; store/redis-connection.ts). */
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
    clientDirs: {
      displays: resolve(repoRoot, 'displays', 'dist'),
      counter: resolve(repoRoot, 'counter-client', 'dist'),
    },
  });
}
