/** The real engine, Chromium and helpers the browser tests share (from the engine's test support). */
export { api, login, startTestEngine, DISPLAY_TOKEN, KIOSK_TOKEN, type TestEngine } from '../../../engine/test/support/harness.js';
export { chromiumPath, launchChromium, seriousAxeViolations } from '../../../engine/test/support/browser.js';
export { startRedis } from '../../../engine/test/support/redis-server.js';

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `docs/screenshots/` at the repo root (created on demand). */
export function screenshotPath(name: string): string {
  const dir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir + name;
}
