/**
 * `npm run check -- --site <id>`: verifies the invariants of docs/design.md on the live Redis
 * (REDIS_URL, or the engine's own Redis under LOKET_DATA_DIR). Prints what it checked and
 * every violation with the ids at fault; exits 1 when there is one, 2 when it cannot run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from './config.js';
import { loadSites } from './site-loader.js';
import { checkSite } from './store/consistency-check.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--site');
  const config = loadConfig();
  const sites = loadSites(config.siteFile);
  const ids = i >= 0 && args[i + 1] ? [args[i + 1]!] : [...sites.keys()];
  let url = config.redisUrl;
  if (!url) {
    const pass = join(config.dataDir, 'redis.pass');
    url = `redis://${existsSync(pass) ? `:${encodeURIComponent(readFileSync(pass, 'utf8').trim())}@` : ''}127.0.0.1:${config.redisPort}`;
  }
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 30_000, lazyConnect: true });
  await redis.connect();
  let failed = 0;
  try {
    for (const id of ids) {
      const site = sites.get(id);
      if (!site) {
        console.error(`check: no site "${id}" in ${config.siteFile}`);
        return 2;
      }
      const r = await checkSite(redis, site);
      console.log(`check ${id}: ${r.tickets} tickets, ${r.events} events, ${r.violations.length} violations`);
      for (const x of r.violations) console.log(`  ${x.rule}: ${x.ids.join(' ')} (${x.detail})`);
      failed += r.violations.length;
    }
  } finally {
    redis.disconnect();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`check could not run: ${(err as Error).message}`);
    process.exit(2);
  },
);
