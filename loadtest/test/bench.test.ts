/** A seconds-long `npm run bench` (--small): every figure is produced and written; no timing is gated. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench } from '../src/bench/index.js';
import { ensureEngineBuilt } from '../src/lib/engine-process.js';

describe('bench, small', () => {
  it('measures engine and baselines side by side and writes every ratio', async () => {
    ensureEngineBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'loket-bench-'));
    try {
      const f = await runBench(['--small', '--sockets', '50', '--calls', '5'], dir);
      expect(f.cycle.bullmq.cycles).toBeGreaterThan(0);
      expect(f.cycle.engine.cycles).toBeGreaterThan(0);
      expect(f.cycle.engine.concurrency).toBe(50);
      expect(f.http.noop.levels.length).toBeGreaterThan(0);
      expect(f.http.engine.levels[0]!.transitions).toBeGreaterThan(0);
      expect(f.fanout.bare.received).toBe(250);
      // A display that got its snapshot but no live event was never joined to the site's flow
      // (engine: sendSnapshotAndJoin ignores a null from catchUp; see README, findings).
      expect(f.fanout.engine.silentSockets, 'display sockets left out of the live flow').toBe(0);
      expect(f.fanout.engine.received).toBe(250);
      expect(f.memory.engineRssMb).toBeGreaterThan(10);
      expect(f.memory.redis.tickets).toBeGreaterThanOrEqual(300);
      expect(f.memory.redis.bytesPerTicket).toBeGreaterThan(0);
      expect(f.verdicts.map((v) => v.name.slice(0, 3))).toEqual(['1. ', '2a.', '2b.', '3. ', '4a.', '4b.']);
      const saved = JSON.parse(readFileSync(f.files.json, 'utf8')) as typeof f;
      expect(saved.verdicts).toHaveLength(6);
      expect(readFileSync(f.files.svg!, 'utf8')).toContain('measured / target');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
