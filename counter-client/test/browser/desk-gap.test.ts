import { describe, expect, it } from 'vitest';
import { useEngineAndBrowser } from '../support/browser-suite.js';
import { openPage, waitForDesk } from '../support/desk-page.js';
import { issueTickets } from '../support/engine.js';

describe('counter desk with a lost event', () => {
  const suite = useEngineAndBrowser();

  it('sees the seq gap, asks the engine to resume, and applies the missed events once and in order', async () => {
    const desk = await openPage(suite.browser, suite.engine.url, '/counter', suite.engine.siteId, 'staff-1', { counter: '1' });
    // Drop the next event on its way into the controller, as a lost packet would; record what gets applied.
    await desk.evaluate(() => {
      type Live = { _receive(e: { seq: number }): void; opts: { onEvent(e: { seq: number }): void } };
      const d = document.querySelector('loket-staff-app')?.shadowRoot?.querySelector('loket-counter-desk') as unknown as { _live: Live };
      const live = d._live;
      const receive = live._receive.bind(live);
      let dropped = false;
      live._receive = (e) => {
        if (!dropped) {
          dropped = true;
          return;
        }
        receive(e);
      };
      const applied: number[] = [];
      (window as unknown as { applied: number[] }).applied = applied;
      const onEvent = live.opts.onEvent;
      live.opts.onEvent = (e) => {
        applied.push(e.seq);
        onEvent(e);
      };
    });
    const issued = await issueTickets(suite.engine.url, suite.engine.siteId, ['ktp', 'kk', 'ktp']);
    const v = await waitForDesk(desk, (x) => x.waitingIds.length === 3, 'all three tickets after the resume');
    expect(new Set(v.waitingIds)).toEqual(new Set(issued.map((t) => t.id)));
    const applied = await desk.evaluate(() => (window as unknown as { applied: number[] }).applied);
    expect(applied.length).toBe(3);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    expect(new Set(applied).size).toBe(3);
    expect(applied[2]! - applied[0]!).toBe(2);
  });
});
