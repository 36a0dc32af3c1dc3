/**
 * Repro of a lost-display race: N display sockets connect while a kiosk issues
 * a ticket every few ms; counts the sockets that got their snapshot but never
 * a live event afterwards (never joined to the site's flow).
 *   npx tsx loadtest/src/tools/join-race.ts [sockets=500]
 * LOKET_ENGINE_MAIN=<other build>/main.js runs it against another build.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { paths } from '../lib/accounts.js';
import { DisplayCrowd } from '../lib/displays.js';
import { displayToken, kioskToken, writeSiteCopies } from '../lib/sites.js';
import { startStack } from '../scenarios/common.js';

const count = Number(process.argv[2] ?? 500);
const sites = writeSiteCopies(1);
const id = sites.ids[0] as string;
const st = await startStack(sites.dir);
try {
  let stop = false;
  const issuer = (async () => {
    while (!stop) {
      await st.http.request('POST', paths.tickets(id), { token: kioskToken(id), body: { serviceId: 'ktp' } });
      await sleep(2);
    }
  })();
  const crowd = new DisplayCrowd({ url: st.engine.url, tokenFor: displayToken, siteIds: [id], count, batch: 50 });
  const t0 = performance.now();
  await crowd.connect();
  await sleep(1500);
  stop = true;
  await issuer;
  await sleep(500);
  const silent = crowd.silent();
  console.log(
    `${process.env.LOKET_ENGINE_MAIN ?? 'engine/dist'}: ${crowd.sockets.length} sockets connected in ${Math.round(performance.now() - t0)} ms while tickets were issued; ` +
      `${silent.length} got no live event after their snapshot; disconnects ${JSON.stringify(crowd.disconnects)}`,
  );
  crowd.close();
  process.exitCode = silent.length ? 1 : 0;
} finally {
  await st.stop();
  sites.remove();
}
