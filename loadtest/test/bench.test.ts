/** A seconds-long `npm run bench` (--small): every figure is produced and written; no timing is gated. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBench } from '../src/bench/index.js';
import { ensureEngineBuilt } from '../src/lib/engine-process.js';

describe('bench, small', () => {
  it('measures engine and baselines side by side in each of 2 runs, and writes every figure with its median and spread', async () => {
    ensureEngineBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'loket-bench-'));
    try {
      const r = await runBench(['--small', '--runs', '2', '--sockets', '50', '--calls', '5', '--cycle-seconds', '1', '--step', '1'], dir);
      expect(r.runs).toHaveLength(2);
      for (const f of r.runs) {
        expect(f.cycle.bullmq.cycles).toBeGreaterThan(0);
        expect(f.cycle.engine.cycles).toBeGreaterThan(0);
        expect(f.cycle.engine.concurrency).toBe(50);
        // Redis's CPU per cycle comes from each side's measured window, for both sides.
        for (const side of ['bullmq', 'engine', 'engineFused'] as const) expect(f.cycle.cost?.[side]?.redisCpuMsPerCycle).toBeGreaterThan(0);
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
        // Memory per socket, alone: a GC'd heap and RSS at every step.
        expect(f.memory.alone!.steps.map((s) => s.sockets)).toEqual([0, 20, 50]);
        for (const s of f.memory.alone!.steps) expect(s.heapUsedMb).toBeGreaterThan(1);
        expect(Number.isFinite(f.memory.alone!.heapKbPerSocket)).toBe(true);
        expect(f.verdicts.map((v) => v.name.slice(0, 3))).toEqual(['1. ', '2a.', '2b.', '3. ', '4a.', '4b.', '4c.']);
      }
      // Judged on the median of the two runs' values; the spread keeps both.
      expect(r.verdicts.map((v) => v.name.slice(0, 3))).toEqual(['1. ', '2a.', '2b.', '3. ', '4a.', '4b.', '4c.']);
      for (const v of r.verdicts) expect(v.spread.values).toHaveLength(2);
      const rss = r.verdicts.find((v) => v.name.startsWith('4a.'))!;
      expect(rss.value).toBeCloseTo((r.runs[0]!.memory.engineRssMb + r.runs[1]!.memory.engineRssMb) / 2, 2);
      expect(r.figures['memory alone: heap kB/socket']!.values).toHaveLength(2);
      const saved = JSON.parse(readFileSync(r.files.json, 'utf8')) as typeof r;
      expect(saved.verdicts).toHaveLength(7);
      expect(saved.runs).toHaveLength(2);
      expect(readFileSync(r.files.svg!, 'utf8')).toContain('measured / target');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
