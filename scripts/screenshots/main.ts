/**
 * `npm run screenshots`: every screen at the sizes its users have, from a real engine serving
 * the sample mall on a real redis-server, with a morning's queue driven through the API.
 * Writes the PNGs to docs/screenshots/ (the README's screenshot table shows them).
 * Needs the built clients (the npm script builds them) and chromium and redis-server on the PATH.
 */
import { launchChromium } from '../../engine/test/support/browser.js';
import { startTestEngine } from '../../engine/test/support/harness.js';
import { bookingShot, kioskShots, lobbyShots, phoneShots } from './citizen-screens.js';
import { mallOf, morning } from './mall.js';
import { shooter, SHOTS_DIR } from './shoot.js';
import { adminShot, deskShots, floorShot, reportShot } from './staff-screens.js';

/** The engine's clock runs behind at first, so the morning's first tickets have waited past their SLA. */
let offsetMs = -35 * 60_000;
const engine = await startTestEngine({ siteId: 'mpp-demo', jobs: false, clock: () => Date.now() + offsetMs });
const browser = await launchChromium();
try {
  const mall = await mallOf(engine);
  console.log(`engine ${engine.url}, site ${engine.siteId}; writing to ${SHOTS_DIR}`);
  await morning(mall);
  offsetMs = 0;
  const s = shooter(browser);
  await lobbyShots(s, mall);
  await kioskShots(s, mall);
  await floorShot(s, mall);
  await deskShots(s, mall);
  await phoneShots(s, mall);
  await bookingShot(s, mall);
  await reportShot(s, mall);
  await adminShot(s, mall);
  console.log(`${s.written.length} screenshots written`);
} finally {
  await browser.close();
  await engine.stop();
}
