/** Set-up the browser test files share: one engine and one Chromium per `describe`, and issuing tickets. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestEngineOptions } from '../../../engine/test/support/harness.js';
import { api, KIOSK_TOKEN, launchChromium, startTestEngine, type TestEngine } from './engine.js';

/** The engine and browser of a `describe`; read them inside tests and hooks, once `beforeAll` has run. */
export interface BrowserSuite {
  readonly engine: TestEngine;
  readonly browser: Browser;
}

/**
 * Starts an engine (`jobs: false` unless told) and a browser before the tests of
 * the enclosing `describe`, and closes both after them.
 */
export function useEngineAndBrowser(opts: TestEngineOptions = {}, launch: () => Promise<Browser> = launchChromium): BrowserSuite {
  const suite = {} as { engine: TestEngine; browser: Browser };
  beforeAll(async () => {
    suite.engine = await startTestEngine({ jobs: false, ...opts });
    suite.browser = await launch();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.engine?.stop();
  });
  return suite;
}

/** A ticket as the engine answers it after issuing. */
export interface IssuedTicket {
  id: string;
  number: string;
  statusToken: string;
}

/** Issues a ticket for `serviceId` with the kiosk token, as a kiosk would. */
export async function issueTicket(engine: TestEngine, serviceId: string): Promise<IssuedTicket> {
  const r = await api(engine.url, 'POST', `/api/v1/sites/${engine.siteId}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
  expect(r.status).toBe(201);
  return r.body.ticket;
}

/** Opens counter `counterId` with `token` (its staff, or a supervisor). */
export async function openCounter(engine: TestEngine, token: string, counterId: string): Promise<void> {
  const r = await api(engine.url, 'PATCH', `/api/v1/sites/${engine.siteId}/counters/${counterId}`, { token, body: { status: 'open' } });
  expect(r.status).toBe(200);
}
