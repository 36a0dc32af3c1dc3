/** Starts Loket: config, site file(s), Redis (own or REDIS_URL), then the server. */
// First: V8's heap growth, before the heap grows (see the file).
import './heap-tuning.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { superviseRedis, type SupervisedRedis } from './redis-supervisor.js';
import { startServer } from './server.js';
import { loadSites } from './site-loader.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  let sites;
  try {
    sites = loadSites(config.siteFile);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  let own: SupervisedRedis | null = null;
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    own = await superviseRedis({ dataDir: config.dataDir, port: config.redisPort, fsync: config.redisFsync, log });
    redisUrl = own.url;
  }
  const server = await startServer({ config, redisUrl, sites, log });
  log.info(
    { url: `http://localhost:${server.port}`, sites: [...sites.keys()], ignoreHours: config.ignoreHours },
    `Loket is up: kiosk http://localhost:${server.port}/kiosk, lobby http://localhost:${server.port}/display/lobby, counter http://localhost:${server.port}/counter`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    // In-flight requests get up to 10 s; the rest of the stop is quick. Never hang past 15 s.
    setTimeout(() => {
      log.error({ signal }, 'stopping took longer than 15 s: exiting anyway');
      process.exit(1);
    }, 15_000).unref();
    await server.close(10_000).catch((err: Error) => log.error({ err: err.message }, 'stopping: close failed'));
    await own?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Loket could not start: ${(err as Error).message}`);
  process.exit(1);
});
