/**
 * One engine and one Chromium per `describe`. The displays' tests have the
 * same helper; its shared home would be the engine's `test/support/`.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestEngineOptions } from '../../../engine/test/support/harness.js';
import { launchChromium, startTestEngine, type TestEngine } from './engine.js';

/** The engine and browser of a `describe`; read them inside tests and hooks, once `beforeAll` has run. */
export interface BrowserSuite {
  readonly engine: TestEngine;
  readonly browser: Browser;
}

/** Starts an engine and Chromium before the tests of the enclosing `describe`, and closes both after them. */
export function useEngineAndBrowser(opts?: TestEngineOptions): BrowserSuite {
  const suite = {} as { engine: TestEngine; browser: Browser };
  beforeAll(async () => {
    suite.engine = await startTestEngine(opts);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.engine?.stop();
  });
  return suite;
}
